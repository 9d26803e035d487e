"use client";

import { SearchFilter, SelectFilter } from "@/components/ui/filter-field";
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
        <SelectFilter
          id="fleet-account"
          label="Account"
          value={filter.accountId}
          choices={[{ value: "", label: "All accounts" }, { value: "none", label: "Internal (no account)" }, ...accounts.map((a) => ({ value: a.id, label: a.name }))]}
          onChange={(accountId) => onFilter({ ...filter, accountId })}
          width="w-44"
        />
      ) : null}
      <SelectFilter
        id="fleet-risk"
        label="State"
        value={filter.risk}
        choices={[{ value: "", label: "Any state" }, ...RISKS.map((r) => ({ value: r, label: RISK_WORD[r] }))]}
        onChange={(risk) => onFilter({ ...filter, risk: risk as Risk | "" })}
        width="w-36"
      />
      <SearchFilter id="fleet-text" label="Search" value={filter.text} placeholder="name, host or reason" onChange={(text) => onFilter({ ...filter, text })} width="w-52" />
      <SelectFilter
        id="fleet-sort"
        label="Sort by"
        value={sort}
        choices={(Object.keys(SORT_WORD) as FleetSort[]).map((s) => ({ value: s, label: SORT_WORD[s] }))}
        onChange={(s) => onSort(s as FleetSort)}
        width="w-36"
      />
    </div>
  );
}
