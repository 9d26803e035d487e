"use client";

import { Skeleton } from "@/components/ui/skeleton";
import { SafeText } from "@/components/ui/safe-text";
import { plural } from "@/lib/shared/format/numbers";
import type { ServiceUnit } from "@/lib/shared/actions/service-unit";

const SHOWN = 6;

/** What restarting the unit stops, as the server reported it: its description, state, main PID and every process in it. */
export function UnitBreaks({ unit, loading }: { unit: ServiceUnit | undefined; loading: boolean }) {
  if (loading || !unit) {
    return (
      <div data-testid="unit-loading" className="space-y-1.5 rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
        <Skeleton className="h-3 w-40" />
        <Skeleton className="h-3 w-64" />
      </div>
    );
  }
  const others = unit.processes.filter((p) => p.pid !== unit.pid);
  return (
    <section aria-labelledby="unit-breaks-title" data-testid="unit-breaks" className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
      <h3 id="unit-breaks-title" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        What restarting it stops (from the server)
      </h3>
      <ul className="mt-1 list-disc space-y-1 pl-4 text-sm text-slate-800">
        <li data-testid="unit-description">
          <span className="font-mono">
            <SafeText value={unit.unit ?? "?"} />
          </span>
          {unit.description ? (
            <>
              : <SafeText value={unit.description} />
            </>
          ) : null}{" "}
          <span className="text-slate-500">
            ({unit.activeState ?? "state unknown"}
            {unit.mainPid !== null ? `, main PID ${unit.mainPid}` : ""})
          </span>
        </li>
        <li data-testid="unit-processes">
          {unit.processCount <= 1 ? (
            "No other process runs in this unit."
          ) : (
            <>
              All {plural(unit.processCount, "process", "processes")} in it stop
              {others.length > 0 ? "; besides the parent: " : "."}
              {others.slice(0, SHOWN).map((p, i) => (
                <span key={p.pid}>
                  {i > 0 ? ", " : null}
                  <span className="font-mono">
                    <SafeText value={p.comm} /> ({p.pid})
                  </span>
                </span>
              ))}
              {unit.processCount - 1 > SHOWN ? ` and ${unit.processCount - 1 - SHOWN} more` : null}
            </>
          )}
        </li>
      </ul>
    </section>
  );
}
