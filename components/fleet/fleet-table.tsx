"use client";

import { useState } from "react";
import { FLEET_COLUMNS, FLEET_ROW_HEIGHT, FleetRow } from "@/components/fleet/fleet-row";
import { rowWindow } from "@/components/tree/window";
import type { FleetRow as Row } from "@/lib/shared/fleet/types";

const VIEWPORT = 620;

type Props = {
  rows: readonly Row[];
  selected: ReadonlySet<string>;
  waiting: ReadonlySet<string>;
  hrefOf: (serverId: string) => string;
  onToggle: (id: string) => void;
  onToggleAll: (on: boolean) => void;
};

/** Only the rows in view (plus overscan) exist in the page: 5,000 servers scroll like 50. */
export function FleetTable({ rows, selected, waiting, hrefOf, onToggle, onToggleAll }: Props) {
  const [scrollTop, setScrollTop] = useState(0);
  const height = Math.min(VIEWPORT, Math.max(rows.length, 1) * FLEET_ROW_HEIGHT);
  const { start, end } = rowWindow(scrollTop, height, FLEET_ROW_HEIGHT, rows.length);
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.server.id));
  return (
    <div role="table" aria-label="Servers by risk" aria-rowcount={rows.length + 1} data-testid="fleet-table" className="rounded-md border border-slate-200 bg-white">
      <div role="row" aria-rowindex={1} className={`${FLEET_COLUMNS} h-9 border-b border-slate-200 bg-slate-50 text-xs font-medium text-slate-600`}>
        <div role="columnheader">
          <input type="checkbox" aria-label="Select every server shown" checked={allSelected} onChange={(e) => onToggleAll(e.target.checked)} className="size-3.5" />
        </div>
        <div role="columnheader">Server</div>
        <div role="columnheader">State</div>
        <div role="columnheader">Verdict</div>
        <div role="columnheader" className="text-right">
          Zombies
        </div>
        <div role="columnheader">PID use</div>
        <div role="columnheader" className="text-right">
          Load
        </div>
        <div role="columnheader">Last scan</div>
        <div role="columnheader">Reachability</div>
      </div>
      <div data-testid="fleet-viewport" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} style={{ height }} className="relative overflow-auto">
        <div role="rowgroup" style={{ height: rows.length * FLEET_ROW_HEIGHT }} className="relative min-w-[60rem]">
          {rows.slice(start, end).map((row, i) => (
            <FleetRow
              key={row.server.id}
              row={row}
              index={start + i}
              selected={selected.has(row.server.id)}
              waiting={waiting.has(row.server.id)}
              serverHref={hrefOf(row.server.id)}
              onToggle={onToggle}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
