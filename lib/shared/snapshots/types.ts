// A snapshot: one scan, and what was done after it, frozen for a support ticket and readable by
// anyone with its link. Only what the public page shows is kept, command lines already redacted.
import type { AncestryStep, ScanSummary } from "@/lib/shared/scan/types";
import type { AuditResult } from "@/lib/shared/audit/types";

export type SnapshotProcess = { pid: number; ppid: number; user: string; state: string; comm: string; args: string };

export type SnapshotParent = SnapshotProcess & {
  zombieCount: number;
  /** From PID 1 down to and including the parent. */
  ancestry: AncestryStep[];
  /** "nginx.service (systemd)": what to restart instead; null when not known. */
  service: string | null;
  /** The zombies, up to SNAPSHOT_ZOMBIES_PER_PARENT of them. */
  zombies: SnapshotProcess[];
  /** Live children, up to SNAPSHOT_LIVE_CHILDREN of them. */
  liveChildren: SnapshotProcess[];
  liveChildCount: number;
};

/** An action taken on the server after the scan, and how it ended. */
export type SnapshotAction = {
  at: string;
  action: string;
  /** "SIGCHLD", "systemctl restart". */
  means: string;
  pid: number | null;
  comm: string | null;
  result: AuditResult;
  message: string;
  before: { zombies: number } | null;
  after: { zombies: number; parentAlive: boolean } | null;
};

export type SnapshotVerdict = { text: string; level: "ok" | "warn" | "critical" };

export type SnapshotBody = {
  serverName: string;
  ticket: string | null;
  scannedAt: string;
  durationMs: number;
  summary: ScanSummary;
  verdict: SnapshotVerdict;
  parents: SnapshotParent[];
  actions: SnapshotAction[];
  /** Every process of the host, by PID. */
  processes: SnapshotProcess[];
  /** How many command lines had something hidden. */
  redactedLines: number;
};

export type SnapshotStatus = "active" | "revoked" | "expired";

/** A snapshot as listed to people who may see its server: never its token. */
export type SnapshotInfo = {
  id: string;
  serverId: string;
  scanId: string;
  ticket: string | null;
  createdAt: string;
  createdBy: { id: string; email: string };
  expiresAt: string;
  revokedAt: string | null;
  status: SnapshotStatus;
  views: number;
  lastViewedAt: string | null;
};

/** Ready-to-paste forms of a snapshot's link. */
export type SnapshotSnippets = { link: string; markdown: string; html: string };

/**
 * The answer to sharing: the only time the token is shown. `url` and `imageUrl` are paths; the
 * absolute forms and the snippets use Reaper's public address.
 */
export type NewSnapshot = {
  id: string;
  token: string;
  url: string;
  imageUrl: string;
  absoluteUrl: string;
  absoluteImageUrl: string;
  expiresAt: string;
  snippets: SnapshotSnippets;
};
