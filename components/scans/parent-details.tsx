import { SafeText } from "@/components/ui/safe-text";
import type { Parent } from "@/lib/shared/scan/types";

function Meta({ term, value, wide = false }: { term: string; value: string; wide?: boolean }) {
  return (
    <div className={`flex min-w-0 gap-1 ${wide ? "max-w-full basis-full" : ""}`}>
      <dt className="text-slate-400">{term}</dt>
      <dd className={`font-mono text-slate-700 ${wide ? "truncate" : ""}`} title={wide ? value : undefined}>
        <SafeText value={value} />
      </dd>
    </div>
  );
}

/** Who runs a zombie's parent, its state and start time (ticks) and its command line; the parent tree below shows its ancestry. */
export function ParentDetails({ parent }: { parent: Parent }) {
  return (
    <div className="space-y-1">
      <dl className="flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-slate-600">
        <Meta term="user" value={parent.user} />
        <Meta term="state" value={parent.state} />
        <Meta term="start time" value={`${parent.startTime} ticks`} />
        {parent.args ? <Meta term="command" value={parent.args} wide /> : null}
      </dl>
    </div>
  );
}
