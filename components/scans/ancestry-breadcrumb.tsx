import { SafeText } from "@/components/ui/safe-text";
import type { AncestryStep } from "@/lib/procs/types";

/** PID 1 → … → the parent, as `systemd (1) › sshd (300) › httpd (1234)`. */
export function AncestryBreadcrumb({ steps }: { steps: AncestryStep[] }) {
  if (steps.length === 0) return null;
  return (
    <nav aria-label="Process ancestry" className="min-w-0">
      <ol className="flex flex-wrap items-center gap-x-1 font-mono text-xs text-slate-600">
        {steps.map((s, i) => (
          <li key={`${s.pid}-${i}`} className="flex items-center gap-1">
            {i > 0 ? (
              <span aria-hidden="true" className="text-slate-400">
                ›
              </span>
            ) : null}
            <span className={i === steps.length - 1 ? "font-semibold text-slate-900" : ""}>
              <SafeText value={s.comm} /> ({s.pid})
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
