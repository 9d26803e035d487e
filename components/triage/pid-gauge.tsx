"use client";

import { GaugeCard } from "@/components/triage/gauge-card";
import { LEVEL_BAR, LEVEL_TEXT } from "@/components/triage/level-style";
import { formatCount } from "@/lib/shared/format/numbers";
import type { PidGauge as Gauge } from "@/lib/shared/triage/types";

/** PIDs in use (threads included) against the lower of pid_max and threads-max, as a bar; zombies' share marked. */
export function PidGauge({ gauge, commands }: { gauge: Gauge; commands: string[] }) {
  const used = Math.min(1, gauge.ratio);
  const zombieShare = gauge.limit > 0 ? Math.min(used, gauge.zombies / gauge.limit) : 0;
  return (
    <GaugeCard title="PID pressure" level={gauge.level} sources={gauge.sources} commands={commands} className="sm:col-span-2">
      <p className={`font-medium ${LEVEL_TEXT[gauge.level]}`}>{gauge.text}</p>
      <div
        role="meter"
        aria-label="PIDs in use"
        aria-valuemin={0}
        aria-valuemax={gauge.limit}
        aria-valuenow={gauge.inUse}
        className="mt-1.5 flex h-2.5 overflow-hidden rounded-full bg-slate-100"
      >
        <div className={LEVEL_BAR[gauge.level]} style={{ width: `${(used - zombieShare) * 100}%` }} />
        <div className="bg-slate-800" style={{ width: `${zombieShare * 100}%` }} title="held by zombies" />
      </div>
      <p className="mt-1 text-[11px] text-slate-500">
        pid_max {formatCount(gauge.pidMax)} · threads-max {gauge.threadsMax === null ? "not read" : formatCount(gauge.threadsMax)} · {formatCount(gauge.zombies)} held by zombies
      </p>
    </GaugeCard>
  );
}
