"use client";

import { GaugeCard } from "@/components/triage/gauge-card";
import { LEVEL_TEXT } from "@/components/triage/level-style";
import { SafeText } from "@/components/ui/safe-text";
import type { CgroupGauge } from "@/lib/shared/triage/types";

/** pids.current against pids.max of each zombie parent's cgroup: the limit containers and systemd slices hit. */
export function CgroupsGauge({ cgroups, commands }: { cgroups: CgroupGauge[]; commands: string[] }) {
  if (cgroups.length === 0) return null;
  return (
    <GaugeCard title="Cgroup PID limits of zombie parents" sources={cgroups[0]?.sources ?? []} commands={commands} className="sm:col-span-2">
      <ul className="space-y-0.5">
        {cgroups.map((c) => (
          <li key={c.pid} className="min-w-0">
            <span className="font-mono">
              <SafeText value={c.comm} /> ({c.pid})
            </span>{" "}
            <span className={LEVEL_TEXT[c.level]}>
              <SafeText value={c.text} />
            </span>
          </li>
        ))}
      </ul>
    </GaugeCard>
  );
}
