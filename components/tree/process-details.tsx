"use client";

import type { ReactNode } from "react";
import { SafeText } from "@/components/ui/safe-text";
import { formatCount } from "@/lib/shared/format/numbers";
import { formatUtc } from "@/lib/shared/format/time";
import type { HostFacts, Process } from "@/lib/shared/scan/types";
import { duration } from "@/lib/shared/triage/words";
import { processAgeSeconds, processStartIso, STATE_WORDS } from "@/lib/shared/format/process-age";

type Props = { process: Process | null; host: HostFacts | undefined; scanStartedAt: string; childCount: number; zombieChildren: number; onClose: () => void };

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-2 py-0.5">
      <dt className="text-slate-500">{term}</dt>
      <dd className="min-w-0 text-slate-800">{children}</dd>
    </div>
  );
}

/** What the scan knows about one process: who runs it, its state, since when, its command line, threads, CPU and memory. */
export function ProcessDetails({ process: p, host, scanStartedAt, childCount, zombieChildren, onClose }: Props) {
  if (!p) {
    return <p className="rounded-md border border-dashed border-slate-300 px-3 py-4 text-xs text-slate-500">Click a process, or press Enter on it, for its details.</p>;
  }
  const age = processAgeSeconds(p, host);
  const started = processStartIso(age, scanStartedAt);
  const letter = p.state.charAt(0);
  return (
    <section data-testid="process-details" aria-label="Process details" className="rounded-md border border-slate-200 bg-white text-xs">
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-3 py-2">
        <h3 className="min-w-0 truncate font-mono text-sm font-semibold text-slate-900">
          <SafeText value={p.comm} /> ({p.pid})
        </h3>
        <button type="button" onClick={onClose} className="rounded px-1 text-slate-500 hover:text-slate-900" aria-label="Close the details">
          ×
        </button>
      </div>
      <dl className="px-3 py-2">
        <Row term="User">
          <SafeText value={p.user} className="font-mono" />
        </Row>
        <Row term="State">
          <span className="font-mono">
            <SafeText value={p.state} />
          </span>{" "}
          {STATE_WORDS[letter] ?? ""}
        </Row>
        <Row term="Parent PID">{p.ppid}</Row>
        <Row term="Started">
          {started ? `${formatUtc(started)} (${duration(age ?? 0)} before the scan)` : `${p.startTime} ticks after boot`}
        </Row>
        <Row term="Command line">
          {p.args ? <SafeText value={p.args} className="font-mono break-all" /> : <span className="text-slate-400">none (zombies keep no command line)</span>}
        </Row>
        <Row term="Threads">{formatCount(p.threads)}</Row>
        <Row term="CPU / RSS">
          {p.cpu === null ? "–" : `${p.cpu.toFixed(1)}%`} / {p.rssKb === null ? "–" : `${formatCount(Math.round(p.rssKb / 1024))} MiB`}
        </Row>
        <Row term="Children">
          {formatCount(childCount)}
          {zombieChildren > 0 ? <span className="font-medium text-red-700"> of which {formatCount(zombieChildren)} zombies: this process should collect them</span> : null}
        </Row>
      </dl>
      <p className="border-t border-slate-100 px-3 py-1.5 text-[11px] text-slate-400">from: /proc/PID/stat and ps</p>
    </section>
  );
}
