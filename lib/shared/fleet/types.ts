// The fleet's shapes (docs/api.md, "Fleet"): one row per server with the last scan's figures,
// its reachability and its risk; fleet scans with one result per server.
import type { ScanSummary } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import type { Level, TriageCause } from "@/lib/shared/triage/types";

/** A scan's summary plus the triage figures a fleet row shows, kept small: no process lists. */
export type FleetSummary = ScanSummary & {
  /** The PID ceiling that runs out first (pid_max or threads-max) and the share of it in use. */
  pidLimit: number;
  pidRatio: number;
  pidLevel: Level;
  /** One-minute load per CPU; null when the CPU count was not read. */
  loadPerCpu: number | null;
  loadLevel: Level;
  /** The triage verdict's cause ("none" when no process-level cause of 503 was found) and its sentence. */
  cause: TriageCause;
  verdict: string;
  oldestZombieAgeSeconds: number | null;
};

export type FleetError = { code: string; message: string };

/** The latest scan attempt of a server, whether it worked or not. */
export type Reachability = {
  lastAttemptAt: string;
  ok: boolean;
  /** The last failure's code and message, while the server keeps failing; null once a scan works. */
  error: FleetError | null;
  /** Failed attempts since the last one that worked. */
  failuresInRow: number;
};

export type Risk = "at-risk" | "failing" | "healthy" | "unknown";

export type FleetRow = {
  server: Server;
  lastScan: { id: string; startedAt: string; summary: FleetSummary } | null;
  reachability: Reachability | null;
  risk: Risk;
  /** Plain words, worst first: why the server has its risk. */
  reasons: string[];
};

export type FleetScanResult = {
  serverId: string;
  status: "pending" | "ok" | "error";
  /** The stored scan, when it worked (GET /api/scans/:id). */
  scanId?: string;
  summary?: FleetSummary;
  error?: FleetError;
  durationMs?: number;
  finishedAt?: string;
};

export type FleetScanProgress = { total: number; done: number; failed: number };

export type FleetScan = FleetScanProgress & {
  id: string;
  status: "running" | "done";
  createdAt: string;
  finishedAt: string | null;
  results: FleetScanResult[];
};
