"use client";

import Link from "next/link";
import { memo } from "react";
import { CAUSE_WORD, RISK_WORD } from "@/components/fleet/fleet-view";
import { LEVEL_BAR, LEVEL_TEXT } from "@/components/triage/level-style";
import { RelativeTime } from "@/components/ui/relative-time";
import { SafeText } from "@/components/ui/safe-text";
import { formatCount } from "@/lib/shared/format/numbers";
import type { FleetRow as Row, Risk } from "@/lib/shared/fleet/types";

export const FLEET_ROW_HEIGHT = 44;
/** The grid both the header and each row use, so the columns line up. */
export const FLEET_COLUMNS = "grid grid-cols-[2rem_minmax(10rem,2fr)_6.5rem_7rem_5rem_9rem_5rem_7rem_minmax(8rem,1.3fr)] items-center gap-x-3 px-2";

const RISK_STYLE: Record<Risk, string> = {
  "at-risk": "bg-red-100 text-red-800",
  failing: "bg-amber-100 text-amber-900",
  healthy: "bg-emerald-50 text-emerald-800",
  unknown: "bg-slate-100 text-slate-600",
};

type Props = { row: Row; index: number; selected: boolean; waiting: boolean; serverHref: string; onToggle: (id: string) => void };

/** One server: its state in a word, the figures of its last good scan, and whether the last try worked. */
export const FleetRow = memo(function FleetRow({ row, index, selected, waiting, serverHref, onToggle }: Props) {
  const s = row.lastScan?.summary;
  const reach = row.reachability;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-testid="fleet-row"
      data-server-id={row.server.id}
      data-risk={row.risk}
      style={{ top: index * FLEET_ROW_HEIGHT, height: FLEET_ROW_HEIGHT }}
      className={`${FLEET_COLUMNS} absolute inset-x-0 border-b border-slate-100 text-sm hover:bg-slate-50`}
      title={row.reasons.join("\n")}
    >
      <div role="cell">
        <input type="checkbox" aria-label={`Select ${row.server.name}`} checked={selected} onChange={() => onToggle(row.server.id)} className="size-3.5" />
      </div>
      <div role="cell" className="min-w-0">
        <Link href={serverHref} className="block truncate font-medium text-slate-900 hover:underline">
          <SafeText value={row.server.name} />
        </Link>
        <div className="truncate font-mono text-xs text-slate-500">
          {row.server.host}:{row.server.port}
        </div>
      </div>
      <div role="cell">
        <span data-testid="fleet-risk" className={`rounded px-1.5 py-0.5 text-xs font-medium ${RISK_STYLE[row.risk]}`}>
          {RISK_WORD[row.risk]}
        </span>
      </div>
      <div role="cell" className="truncate text-xs text-slate-700" title={s?.verdict}>
        {s ? CAUSE_WORD[s.cause] : "–"}
      </div>
      <div role="cell" data-testid="fleet-zombies" className="text-right tabular-nums">
        {s ? formatCount(s.zombies) : "–"}
      </div>
      <div role="cell" className="text-xs">
        {s ? (
          <div title={`${formatCount(s.pidsInUse)} of ${formatCount(s.pidLimit)} PIDs in use`}>
            <div className="flex justify-between tabular-nums">
              <span className={LEVEL_TEXT[s.pidLevel]}>{Math.round(s.pidRatio * 100)}%</span>
              <span className="text-slate-500">of {formatCount(s.pidLimit)}</span>
            </div>
            <div className="mt-0.5 h-1 rounded bg-slate-100">
              <div className={`h-1 rounded ${LEVEL_BAR[s.pidLevel]}`} style={{ width: `${Math.min(100, Math.max(1, s.pidRatio * 100))}%` }} />
            </div>
          </div>
        ) : (
          "–"
        )}
      </div>
      <div role="cell" className={`text-right text-xs tabular-nums ${s ? LEVEL_TEXT[s.loadLevel] : ""}`} title={s ? `load ${s.loadAvg.join(" ")}` : undefined}>
        {s ? (s.loadPerCpu !== null ? `${s.loadPerCpu.toFixed(2)}/cpu` : s.loadAvg[0].toFixed(2)) : "–"}
      </div>
      <div role="cell" className="text-xs text-slate-600">
        {reach ? <RelativeTime iso={reach.lastAttemptAt} /> : "never"}
      </div>
      <div role="cell" data-testid="fleet-reach" className="min-w-0 truncate text-xs">
        {waiting ? (
          <span className="text-slate-500">scanning…</span>
        ) : !reach ? (
          <span className="text-slate-400">–</span>
        ) : reach.ok ? (
          <span className="text-emerald-700">reachable</span>
        ) : (
          <span className="text-red-700" title={reach.error?.message}>
            <span className="font-mono">{reach.error?.code}</span>
            {reach.failuresInRow > 1 ? ` ×${reach.failuresInRow}` : ""}
          </span>
        )}
      </div>
    </div>
  );
});
