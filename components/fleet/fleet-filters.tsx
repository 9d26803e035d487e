"use client";

import { inputClass } from "@/components/ui/text-field";
import { RISK_WORD, type FleetFilter, type FleetSort } from "@/components/fleet/fleet-view";
import type { Risk } from "@/lib/shared/fleet/types";

export type AccountName = { id: string; name: string };

const SORT_WORD: Record<FleetSort, string> = { risk: "Risk", zombies: "Zombies", pids: "PID use", load: "Load", scanned: "Oldest scan", name: "Name" };
const RISKS: Risk[] = ["at-risk", "failing", "healthy", "unknown"];

type Props = { accounts: AccountName[] | null; filter: FleetFilter; sort: FleetSort; onFilter: (f: FleetFilter) => void; onSort: (s: FleetSort) => void };

/** Account (staff only), state and free text narrow the rows; the order is risk unless chosen. */
export function FleetFilters({ accounts, filter, sort, onFilter, onSort }: Props) {
  return (
    <div className="flex flex-wrap items-end gap-2">
      {accounts ? (
        <div>
          <label htmlFor="fleet-account" className="mb-0.5 block text-xs text-slate-600">
            Account
          </label>
          <select id="fleet-account" value={filter.accountId} onChange={(e) => onFilter({ ...filter, accountId: e.target.value })} className={`${inputClass} w-44 py-1`}>
            <option value="">All accounts</option>
            <option value="none">Internal (no account)</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div>
        <label htmlFor="fleet-risk" className="mb-0.5 block text-xs text-slate-600">
          State
        </label>
        <select id="fleet-risk" value={filter.risk} onChange={(e) => onFilter({ ...filter, risk: e.target.value as Risk | "" })} className={`${inputClass} w-36 py-1`}>
          <option value="">Any state</option>
          {RISKS.map((r) => (
            <option key={r} value={r}>
              {RISK_WORD[r]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="fleet-text" className="mb-0.5 block text-xs text-slate-600">
          Search
        </label>
        <input id="fleet-text" type="search" value={filter.text} onChange={(e) => onFilter({ ...filter, text: e.target.value })} placeholder="name, host or reason" className={`${inputClass} w-52 py-1`} />
      </div>
      <div>
        <label htmlFor="fleet-sort" className="mb-0.5 block text-xs text-slate-600">
          Sort by
        </label>
        <select id="fleet-sort" value={sort} onChange={(e) => onSort(e.target.value as FleetSort)} className={`${inputClass} w-36 py-1`}>
          {(Object.keys(SORT_WORD) as FleetSort[]).map((s) => (
            <option key={s} value={s}>
              {SORT_WORD[s]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
