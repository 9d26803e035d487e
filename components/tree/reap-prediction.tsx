"use client";

import Link from "next/link";
import { SafeText } from "@/components/ui/safe-text";
import type { ParentDiagnosis, ReapPrediction as Reap } from "@/lib/shared/triage/types";
import { duration } from "@/lib/shared/triage/words";

const TONE: Record<Reap, string> = { likely: "text-emerald-700", unlikely: "text-amber-700", cannot: "text-red-700", unknown: "text-slate-600" };

/** Whether "Reap" can work for this parent, since when it leaks, which service to restart instead, and the lasting fix. */
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
      {diagnosis.lastingFix ? (
        <div data-testid="lasting-fix" className="mt-1 rounded border border-emerald-200 bg-emerald-50/70 px-2 py-1.5 text-emerald-950">
          <p className="font-medium">Lasting fix: {diagnosis.lastingFix.name}</p>
          <p className="mt-0.5">
            {diagnosis.lastingFix.cause} {diagnosis.lastingFix.fix}{" "}
            <Link href={diagnosis.lastingFix.doc} className="font-medium whitespace-nowrap text-emerald-800 underline">
              How to →
            </Link>
          </p>
        </div>
      ) : null}
      <p className="text-[11px] text-slate-400" title={diagnosis.sources.map((s) => s.read).join("\n")}>
        from: /proc/PID/status, /proc/PID/cgroup
      </p>
    </div>
  );
}
