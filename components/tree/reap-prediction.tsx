"use client";

import { SafeText } from "@/components/ui/safe-text";
import type { ParentDiagnosis, ReapPrediction as Reap } from "@/lib/shared/triage/types";
import { duration } from "@/lib/shared/triage/words";

const TONE: Record<Reap, string> = { likely: "text-emerald-700", unlikely: "text-amber-700", cannot: "text-red-700", unknown: "text-slate-600" };

/** Whether "Reap" can work for this parent, since when it leaks, and which service to restart instead. */
export function ReapPrediction({ diagnosis }: { diagnosis: ParentDiagnosis }) {
  return (
    <div className="space-y-0.5 text-xs">
      <p className={`font-medium ${TONE[diagnosis.reap]}`}>
        <SafeText value={diagnosis.reapText} />
      </p>
      <p className="text-slate-600">
        {diagnosis.oldestZombieAgeSeconds !== null ? <>Oldest zombie: leaking for {duration(diagnosis.oldestZombieAgeSeconds)}. </> : null}
        {diagnosis.serviceText ? (
          <>
            Service: <SafeText value={diagnosis.serviceText} className="font-mono" />
          </>
        ) : null}
      </p>
      <p className="text-[11px] text-slate-400" title={diagnosis.sources.map((s) => s.read).join("\n")}>
        from: /proc/PID/status, /proc/PID/cgroup
      </p>
    </div>
  );
}
