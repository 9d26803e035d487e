"use client";

import { CgroupsGauge } from "@/components/triage/cgroups-gauge";
import { LoadCard, StatesCard, ZombieAgeCard } from "@/components/triage/activity-gauges";
import { PidGauge } from "@/components/triage/pid-gauge";
import { TopProcesses } from "@/components/triage/top-processes";
import { UsersGauge } from "@/components/triage/users-gauge";
import { SafeText } from "@/components/ui/safe-text";
import type { Triage } from "@/lib/shared/triage/types";

/** The 503 triage of one scan: the verdict in plain words on top, then the figures it was decided from. */
export function TriagePanel({ triage, commands }: { triage: Triage; commands: string[] }) {
  const { verdict, gauges } = triage;
  const found = verdict.cause !== "none";
  return (
    <section aria-labelledby="triage-title" className="space-y-2">
      <div data-testid="triage-verdict" className={`rounded-lg border px-4 py-3 ${found ? "border-red-300 bg-red-50 text-red-950" : "border-emerald-300 bg-emerald-50 text-emerald-950"}`}>
        <h2 id="triage-title" className="text-xs font-medium tracking-wide uppercase opacity-70">
          503 triage
        </h2>
        <p className="mt-0.5 text-base font-semibold">
          <SafeText value={verdict.text} />
        </p>
      </div>
      <div data-testid="triage-gauges" className="grid gap-2 sm:grid-cols-2 xl:grid-cols-4">
        <PidGauge gauge={gauges.pids} commands={commands} />
        <LoadCard load={gauges.load} commands={commands} />
        <ZombieAgeCard gauge={gauges.oldestZombie} commands={commands} />
        <UsersGauge users={gauges.users} commands={commands} />
        <TopProcesses title="Top by CPU" gauge={gauges.topCpu} by="cpu" commands={commands} />
        <TopProcesses title="Top by memory" gauge={gauges.topMemory} by="rss" commands={commands} />
        <CgroupsGauge cgroups={gauges.cgroups} commands={commands} />
        <StatesCard states={gauges.states} commands={commands} wide={gauges.cgroups.length === 0} />
      </div>
    </section>
  );
}
