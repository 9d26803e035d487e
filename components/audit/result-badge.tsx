import type { AuditEvent } from "@/lib/client/use-audit";

const STYLES: Record<AuditEvent["result"], string> = {
  done: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  refused: "bg-amber-50 text-amber-900 ring-amber-300",
  failed: "bg-red-50 text-red-800 ring-red-300",
  unknown: "bg-violet-50 text-violet-900 ring-violet-300",
};

/** done (green), refused (amber: nothing was sent), failed (red), unknown (violet: it may have taken effect). */
export function ResultBadge({ result }: { result: AuditEvent["result"] }) {
  return <span className={`inline-block rounded px-1.5 py-px text-[11px] font-semibold ring-1 ring-inset ${STYLES[result] ?? STYLES.failed}`}>{result}</span>;
}
