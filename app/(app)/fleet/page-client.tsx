"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { FleetFilters, type AccountName } from "@/components/fleet/fleet-filters";
import { FleetProgress } from "@/components/fleet/fleet-progress";
import { FleetTable } from "@/components/fleet/fleet-table";
import { filterFleet, sortFleet, withResult, type FleetFilter, type FleetSort } from "@/components/fleet/fleet-view";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { isApiError } from "@/lib/client/fetcher";
import { postFleetScan, useFleet, useFleetScanEvents, type FleetScan, type FleetScanResult } from "@/lib/client/use-fleet";

type Props = { accounts: AccountName[] | null; serverPage: "servers" | "panel" };

/** The scan this tab follows survives a reload (the scan itself is stored; this remembers which). */
const SCAN_KEY = "reaper.fleetScan";
/** Re-read the fleet at most this often while results stream in: the risk and order come from there. */
const REFRESH_MS = 1500;

/** Every server by risk, filled in live while a fleet scan runs. */
export function FleetPageClient({ accounts, serverPage }: Props) {
  const { rows, error, isLoading, mutate } = useFleet();
  const [filter, setFilter] = useState<FleetFilter>({ accountId: "", risk: "", text: "" });
  const [sort, setSort] = useState<FleetSort>("risk");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // The markup does not depend on it until the stream answers, so reading it at once is safe to hydrate.
  const [scanId, setScanId] = useState<string | null>(() => (typeof window === "undefined" ? null : sessionStorage.getItem(SCAN_KEY)));
  const [fresh, setFresh] = useState<Map<string, FleetScanResult>>(new Map());
  const [waiting, setWaiting] = useState<Set<string>>(new Set());
  const [startError, setStartError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const refresh = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refreshSoon = useCallback(() => {
    refresh.current ??= setTimeout(() => {
      refresh.current = null;
      void mutate();
    }, REFRESH_MS);
  }, [mutate]);

  const live = useFleetScanEvents(scanId, {
    snapshot: (scan: FleetScan) => {
      setWaiting(new Set(scan.results.filter((r) => r.status === "pending").map((r) => r.serverId)));
      setFresh(new Map(scan.results.filter((r) => r.status !== "pending").map((r) => [r.serverId, r])));
    },
    result: (r) => {
      setFresh((m) => new Map(m).set(r.serverId, r));
      setWaiting((w) => {
        const next = new Set(w);
        next.delete(r.serverId);
        return next;
      });
      refreshSoon();
    },
    done: () => {
      sessionStorage.removeItem(SCAN_KEY);
      setWaiting(new Set());
      void mutate().then(() => setFresh(new Map()));
    },
  });

  useEffect(() => () => {
    if (refresh.current) clearTimeout(refresh.current);
  }, []);

  const shown = useMemo(() => {
    const merged = (rows ?? []).map((r) => {
      const f = fresh.get(r.server.id);
      return f ? withResult(r, f) : r;
    });
    return sortFleet(filterFleet(merged, filter), sort);
  }, [rows, fresh, filter, sort]);

  const start = async (serverIds?: string[]) => {
    setStartError(null);
    setStarting(true);
    try {
      const { id } = await postFleetScan(serverIds);
      sessionStorage.setItem(SCAN_KEY, id);
      setWaiting(new Set(serverIds ?? (rows ?? []).map((r) => r.server.id)));
      setFresh(new Map());
      setScanId(id);
      setSelected(new Set());
    } catch (e) {
      setStartError(isApiError(e) ? e.message : "The scan could not be started. Try again.");
    } finally {
      setStarting(false);
    }
  };

  const toggle = useCallback((id: string) => {
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const toggleAll = (on: boolean) => setSelected(on ? new Set(shown.map((r) => r.server.id)) : new Set());
  const hrefOf = useCallback((id: string) => `/${serverPage}/${id}`, [serverPage]);
  const running = live?.running ?? false;
  const counts = useMemo(() => {
    const c = { "at-risk": 0, failing: 0, healthy: 0, unknown: 0 };
    for (const r of rows ?? []) c[r.risk]++;
    return c;
  }, [rows]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-lg font-semibold tracking-tight">Fleet</h1>
          <p data-testid="fleet-counts" className="text-xs text-slate-500">
            {rows
              ? `${rows.length} servers: ${counts["at-risk"]} at risk, ${counts.failing} failing, ${counts.healthy} healthy, ${counts.unknown} not scanned. Riskiest first.`
              : "Every server you may see, riskiest first."}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <Button variant="secondary" disabled={starting || running || selected.size === 0} onClick={() => void start([...selected])}>
            Scan {selected.size > 0 ? `${selected.size} selected` : "selected"}
          </Button>
          <Button variant="primary" disabled={starting || running || !rows || rows.length === 0} onClick={() => void start()}>
            Scan all
          </Button>
        </div>
      </div>
      {live ? <FleetProgress live={live} /> : null}
      {startError ? <Callout tone="error">{startError}</Callout> : null}
      <FleetFilters accounts={accounts} filter={filter} sort={sort} onFilter={setFilter} onSort={setSort} />
      {error ? <Callout tone="error">{isApiError(error) ? error.message : "The fleet could not be loaded. Reload the page."}</Callout> : null}
      {isLoading && !rows ? <p className="text-sm text-slate-500">Loading the fleet…</p> : null}
      {rows ? (
        shown.length > 0 ? (
          <FleetTable rows={shown} selected={selected} waiting={waiting} hrefOf={hrefOf} onToggle={toggle} onToggleAll={toggleAll} />
        ) : (
          <p className="text-sm text-slate-500">{rows.length === 0 ? "No servers yet. Add one on the Servers page." : "No server matches these filters."}</p>
        )
      ) : null}
    </div>
  );
}
