// Alerts: thresholds that mark a server at risk, the state each server is in, and the webhooks
// told when that state changes. Shapes follow docs/api.md ("Alerts and webhooks").

/** Each threshold is off when null. */
export type Thresholds = {
  /** At risk when a scan finds more zombies than this. */
  zombiesAbove: number | null;
  /** At risk when PIDs in use are above this share of the limit (percent). */
  pidUsePercentAbove: number | null;
  /** At risk when a zombie has waited longer than this (minutes) for its parent. */
  zombieAgeMinutesAbove: number | null;
  /** At risk when this many scans in a row failed (the host is unreachable or refuses Reaper). */
  failedScansInRow: number | null;
};

/** Where a server's thresholds come from: its account's own set, or the global one. */
export type ThresholdScope = "global" | { accountId: string };

export type ThresholdSet = {
  /** null for the global set. */
  accountId: string | null;
  thresholds: Thresholds;
  updatedAt: string | null;
};

/** The figures of the last successful scan that thresholds are compared with. */
export type ScanFacts = {
  scanId: string;
  scannedAt: string;
  zombies: number;
  /** PIDs in use against the binding limit, 0-1. */
  pidUse: number;
  oldestZombieAgeSeconds: number | null;
  /** The triage's one-line verdict, when the scan had one. */
  verdict: string | null;
};

export type ScanFailure = { code: string; message: string; at: string };

export type AlertReasonKind = "zombies" | "pid-use" | "zombie-age" | "failed-scans";
export type AlertReason = { kind: AlertReasonKind; text: string };

/** A server's alert state after its latest scan (or failed scan). */
export type AlertState = {
  serverId: string;
  atRisk: boolean;
  reasons: AlertReason[];
  /** When the server last turned at risk (null when it is not). */
  since: string | null;
  failuresInRow: number;
  lastFailure: ScanFailure | null;
  lastScan: ScanFacts | null;
  evaluatedAt: string;
};

/** A server at risk now, as GET /api/alerts lists it. */
export type ServerAlert = { server: { id: string; name: string; accountId: string | null }; state: AlertState };

/** What GET /api/alerts/thresholds answers: the built-in defaults, the global set, accounts' own sets. */
export type ThresholdSettings = { defaults: Thresholds; global: ThresholdSet; accounts: ThresholdSet[] };

export const WEBHOOK_EVENTS = ["server.at-risk", "server.recovered"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** A webhook as listed: never its secret. */
export type Webhook = {
  id: string;
  url: string;
  events: WebhookEvent[];
  /** Only servers of this account; null for every server. */
  accountId: string | null;
  createdAt: string;
};

export type DeliveryStatus = "pending" | "delivered" | "failed";

export type Delivery = {
  id: string;
  webhookId: string;
  event: WebhookEvent | "test";
  serverId: string | null;
  at: string;
  status: DeliveryStatus;
  attempts: number;
  /** The receiver's HTTP status on the last attempt, when it answered. */
  responseStatus: number | null;
  /** Why the last attempt failed, or why Reaper gave up. */
  error: string | null;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
};

/** What a webhook receives: the exact JSON whose bytes X-Reaper-Signature signs. */
export type WebhookPayload = {
  event: WebhookEvent | "test";
  deliveryId: string;
  at: string;
  /** null for a test delivery. */
  server: { id: string; name: string; host: string; port: number; accountId: string | null } | null;
  verdict: {
    risk: "at-risk" | "healthy";
    reasons: AlertReason[];
    /** The last successful scan's one-line triage verdict. */
    text: string | null;
    scanId: string | null;
    scannedAt: string | null;
    failuresInRow: number;
    lastFailure: ScanFailure | null;
  } | null;
  /**
   * The scan behind the verdict (the last one that worked), frozen when the alert fired: a link
   * that opens without a login until `expiresAt`. Null for a test, or a server never scanned.
   */
  snapshot: { url: string; expiresAt: string } | null;
};
