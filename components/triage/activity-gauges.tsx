"use client";

import { GaugeCard } from "@/components/triage/gauge-card";
import { LEVEL_TEXT } from "@/components/triage/level-style";
import { SafeText } from "@/components/ui/safe-text";
import { formatCount, formatLoad } from "@/lib/shared/format/numbers";
import { visibleText } from "@/lib/shared/format/visible-text";
import type { Triage } from "@/lib/shared/triage/types";
import { duration } from "@/lib/shared/triage/words";

type Gauges = Triage["gauges"];

export function LoadCard({ load, commands }: { load: Gauges["load"]; commands: string[] }) {
  return (
    <GaugeCard title="Load against CPUs" level={load.level} sources={load.sources} commands={commands}>
      <p className="text-base font-semibold tabular-nums">
        {formatLoad(load.loadAvg[0])}
        <span className="ml-1 text-xs font-normal text-slate-500">on {load.cpus === null ? "? CPUs" : `${load.cpus} CPU${load.cpus === 1 ? "" : "s"}`}</span>
      </p>
      <p className={LEVEL_TEXT[load.level]}>{load.text}</p>
    </GaugeCard>
  );
}

const ORDER = ["R", "S", "D", "Z", "T", "t", "I", "X"];
const rank = (letter: string) => {
  const i = ORDER.indexOf(letter);
  return i < 0 ? ORDER.length : i;
};

/** `wide`: alone on the last row of the grid, so it spans it. */
export function StatesCard({ states, commands, wide }: { states: Gauges["states"]; commands: string[]; wide: boolean }) {
  const letters = Object.keys(states.counts).sort((a, b) => rank(a) - rank(b));
  return (
    <GaugeCard title="Processes by state" sources={states.sources} commands={commands} className={wide ? "sm:col-span-2 xl:col-span-4" : "sm:col-span-2"}>
      <dl className="flex flex-wrap gap-x-3 gap-y-0.5" title={visibleText(states.text)}>
        {letters.map((l) => (
          <div key={l} className="flex gap-1">
            <dt className={`font-mono font-semibold ${l === "Z" || l === "D" ? "text-red-700" : "text-slate-600"}`}>{l}</dt>
            <dd className="tabular-nums">{formatCount(states.counts[l] ?? 0)}</dd>
          </div>
        ))}
      </dl>
    </GaugeCard>
  );
}

export function ZombieAgeCard({ gauge, commands }: { gauge: Gauges["oldestZombie"]; commands: string[] }) {
  return (
    <GaugeCard title="Oldest zombie" sources={gauge.sources} commands={commands}>
      <p className="text-base font-semibold">{gauge.ageSeconds === null ? "–" : `leaking for ${duration(gauge.ageSeconds)}`}</p>
      <p className="text-slate-600">
        <SafeText value={gauge.text} />
      </p>
    </GaugeCard>
  );
}
