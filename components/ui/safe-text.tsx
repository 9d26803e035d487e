import { visibleParts } from "@/lib/shared/format/visible-text";

/**
 * Text that came from a customer's server (process names, command lines, pstree output).
 * Rendered as React text only; invisible characters show as highlighted escapes like `\n`.
 */
export function SafeText({ value, keepNewlines = false, className }: { value: string; keepNewlines?: boolean; className?: string }) {
  const parts = visibleParts(value, { keepNewlines });
  return (
    <span className={className}>
      {parts.map((p, i) =>
        p.escaped ? (
          <span key={i} className="rounded-sm bg-amber-100 px-px font-mono text-amber-900" title="invisible character made visible">
            {p.text}
          </span>
        ) : (
          p.text
        ),
      )}
    </span>
  );
}
