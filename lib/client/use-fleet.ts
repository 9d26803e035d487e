"use client";

import { useEffect, useRef, useState } from "react";
import useSWR from "swr";
import { fetcher, sendJson } from "@/lib/client/fetcher";
import type { FleetRow, FleetScan, FleetScanProgress, FleetScanResult } from "@/lib/shared/fleet/types";

export type { FleetRow, FleetScan, FleetScanProgress, FleetScanResult };

/** Every server the caller may see, riskiest first (GET /api/fleet). */
export function useFleet() {
  const res = useSWR<{ servers: FleetRow[] }>("/api/fleet", fetcher, { keepPreviousData: true, revalidateOnFocus: false });
  return { ...res, rows: res.data?.servers };
}

/** Starts a fleet scan of these servers, or of every server the caller may see. */
export function postFleetScan(serverIds?: string[]): Promise<{ id: string }> {
  return sendJson<{ id: string }>("POST", "/api/fleet/scans", serverIds ? { serverIds } : {});
}

export type FleetScanLive = { progress: FleetScanProgress; running: boolean; error: string | null };

/**
 * Follows a fleet scan's event stream: the whole scan so far (`snapshot`), each server's result as
 * it arrives (`result`), and its end (`done`), with the progress. The browser's EventSource reconnects by itself; each reconnect starts with a
 * snapshot, so nothing is missed or counted twice.
 */
export function useFleetScanEvents(id: string | null, on: { snapshot: (scan: FleetScan) => void; result: (r: FleetScanResult) => void; done: () => void }): FleetScanLive | null {
  const [live, setLive] = useState<FleetScanLive | null>(null);
  const handlers = useRef(on);
  useEffect(() => {
    handlers.current = on;
  });

  useEffect(() => {
    if (!id) return;
    const source = new EventSource(`/api/fleet/scans/${encodeURIComponent(id)}/events`);
    source.addEventListener("snapshot", (e) => {
      const scan = JSON.parse((e as MessageEvent<string>).data) as FleetScan;
      handlers.current.snapshot(scan);
      setLive({ progress: { total: scan.total, done: scan.done, failed: scan.failed }, running: scan.status === "running", error: null });
    });
    source.addEventListener("result", (e) => {
      const { result, progress } = JSON.parse((e as MessageEvent<string>).data) as { result: FleetScanResult; progress: FleetScanProgress };
      handlers.current.result(result);
      setLive({ progress, running: true, error: null });
    });
    source.addEventListener("done", (e) => {
      const progress = JSON.parse((e as MessageEvent<string>).data) as FleetScanProgress;
      source.close();
      setLive({ progress, running: false, error: null });
      handlers.current.done();
    });
    source.onerror = () => {
      // CLOSED: the server refused the stream (the scan is gone or not the caller's); otherwise the browser retries.
      if (source.readyState === EventSource.CLOSED) setLive((l) => ({ progress: l?.progress ?? { total: 0, done: 0, failed: 0 }, running: false, error: "The scan's progress could not be followed. Reload the page to see the latest results." }));
    };
    return () => source.close();
  }, [id]);

  return id ? live : null;
}
