"use client";

import type { MouseEvent } from "react";
import { formatUtc } from "@/lib/shared/format/time";
import type { ScanSummary } from "@/lib/shared/scan/types";
import { seriesPoints, trendWord, type ChartPoint } from "@/components/history/history-points";
import type { ScanListItem } from "@/lib/shared/scan/types";

const W = 240;
const PAD = 6;
const ROW = { zombies: { top: 14, height: 30 }, pids: { top: 66, height: 30 } };

type Props = { scans: ScanListItem[] | undefined; serverId: string; shownId: string | null; onShow: (id: string) => void };

type SeriesProps = { points: ChartPoint[]; color: string; label: string; format: (p: ChartPoint) => string; scans: ScanListItem[]; serverId: string; shownId: string | null; onShow: (id: string) => void };

function Series({ points, color, label, scans, serverId, shownId, onShow, format }: SeriesProps) {
  const when = new Map(scans.map((s) => [s.id, s.startedAt]));
  const go = (e: MouseEvent, id: string) => {
    e.preventDefault();
    onShow(id);
  };
  return (
    <g>
      <polyline points={points.map((p) => `${p.x},${p.y}`).join(" ")} fill="none" stroke={color} strokeWidth={1.5} />
      {points.map((p) => (
        <a key={p.id} href={`/servers/${serverId}?scan=${p.id}`} onClick={(e) => go(e, p.id)} aria-label={`${label}: ${format(p)}, scan of ${formatUtc(when.get(p.id) ?? "")}`}>
          <title>{`${format(p)} · ${formatUtc(when.get(p.id) ?? "")}`}</title>
          <circle cx={p.x} cy={p.y} r={p.id === shownId ? 4 : 2.5} fill={p.id === shownId ? color : "white"} stroke={color} strokeWidth={1.5} />
        </a>
      ))}
    </g>
  );
}

/** Zombies and PID use over the last scans, so an agent sees whether the leak grows; each point opens its scan. */
export function HistoryChart({ scans, serverId, shownId, onShow }: Props) {
  if (!scans || scans.length === 0) return null;
  const zombies = seriesPoints(scans, (s: ScanSummary) => s.zombies, { width: W, pad: PAD, ...ROW.zombies });
  const pids = seriesPoints(scans, (s: ScanSummary) => (s.pidMax > 0 ? (s.pidsInUse / s.pidMax) * 100 : 0), { width: W, pad: PAD, ...ROW.pids });
  const trend = trendWord(zombies.map((p) => p.value));
  const latest = scans[0]?.summary;
  return (
    <section data-testid="history-chart" aria-labelledby="history-title" className="rounded-lg border border-slate-200 bg-white">
      <h2 id="history-title" className="border-b border-slate-200 px-3 py-2 text-sm font-semibold text-slate-900">
        Over the last {scans.length} scan{scans.length === 1 ? "" : "s"}
      </h2>
      <div className="px-3 py-2">
        {trend ? (
          <p className={`text-xs font-medium ${trend === "grows" ? "text-red-700" : trend === "shrinks" ? "text-emerald-700" : "text-slate-600"}`}>
            Zombies {trend === "grows" ? "are growing: the leak goes on" : trend === "shrinks" ? "are going down" : "are steady"}
          </p>
        ) : null}
        <svg viewBox={`0 0 ${W} 104`} className="mt-1 w-full" role="group" aria-label="Zombies and PID use per scan, oldest on the left">
          <text x={0} y={9} className="fill-slate-500 text-[9px]">
            Zombies{latest ? ` (now ${latest.zombies})` : ""}
          </text>
          <Series points={zombies} color="#b91c1c" label="Zombies" format={(p) => `${p.value} zombies`} scans={scans} serverId={serverId} shownId={shownId} onShow={onShow} />
          <text x={0} y={61} className="fill-slate-500 text-[9px]">
            PIDs in use, % of pid_max{latest && latest.pidMax > 0 ? ` (now ${((latest.pidsInUse / latest.pidMax) * 100).toFixed(1)}%)` : ""}
          </text>
          <line x1={0} x2={W} y1={ROW.zombies.top + ROW.zombies.height} y2={ROW.zombies.top + ROW.zombies.height} stroke="#e2e8f0" />
          <line x1={0} x2={W} y1={ROW.pids.top + ROW.pids.height} y2={ROW.pids.top + ROW.pids.height} stroke="#e2e8f0" />
          <Series points={pids} color="#334155" label="PID use" format={(p) => `${p.value.toFixed(1)}% of PIDs`} scans={scans} serverId={serverId} shownId={shownId} onShow={onShow} />
        </svg>
      </div>
    </section>
  );
}
