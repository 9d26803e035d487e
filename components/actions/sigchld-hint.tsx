import { formatAge, sigchldHint } from "@/lib/actions-ui/wording";
import type { Parent } from "@/lib/procs/types";

const TONES = { good: "text-emerald-700", bad: "text-amber-800", unsure: "text-slate-600" } as const;

/** Next to Reap: whether SIGCHLD can work (when the scan read it), and how old the oldest zombie is. */
export function SigchldHint({ parent }: { parent: Parent }) {
  const hint = sigchldHint(parent.sigchld);
  const age = parent.oldestZombieAgeSeconds;
  if (!hint && (age === undefined || age === null)) return null;
  return (
    <p data-testid="sigchld-hint" className="max-w-xs text-right text-[11px] leading-snug text-slate-500">
      {hint ? <span className={TONES[hint.tone]}>{hint.text}</span> : null}
      {hint && typeof age === "number" ? " " : null}
      {typeof age === "number" ? <span>Oldest zombie: {formatAge(age)}.</span> : null}
    </p>
  );
}
