import type { Generated } from "kysely";
import type { AuditResult } from "@/lib/shared/audit/types";

// Column types chosen to mean the same on SQLite and PostgreSQL: text ids and ISO-8601 times,
// integers for flags, and blobs (bytea) for encrypted and compressed payloads.
export type UsersTable = {
  id: string;
  email: string;
  password_hash: string;
  role: "admin" | "agent" | "customer";
  account_id: string | null;
  created_at: string;
  /** Set while the person is disabled: no login, no session, no token works. */
  disabled_at: string | null;
};

export type SessionsTable = {
  /** The public name of a session (listed and revoked by it); never the cookie's token. */
  id: string;
  /** sha256 of the cookie's token: a stolen database cannot be replayed as cookies. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  user_agent: string;
  /** The client address at login. */
  address: string;
};

export type LoginAttemptsTable = {
  id: Generated<number>;
  email: string;
  /** The client address the attempt came from. */
  address: string;
  at: string;
  /** 0: failed, or still being checked; 1: the password was right. */
  ok: number;
};

export type ApiTokensTable = {
  id: string;
  user_id: string;
  name: string;
  /** sha256 of the token: the token itself is shown once and never stored. */
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
};

export type AccountsTable = {
  id: string;
  name: string;
  created_at: string;
  /** Background scans of the account's servers that have no interval of their own; null: off. */
  scan_interval_minutes: number | null;
};

export type ServersTable = {
  id: string;
  name: string;
  host: string;
  port: number;
  username: string;
  auth_type: "key" | "password";
  /** AES-256-GCM sealed JSON of {privateKey?, passphrase?, password?}. */
  secrets: Uint8Array;
  host_key_fingerprint: string | null;
  account_id: string | null;
  use_sudo: number;
  /** Another server to connect through (a bastion); null for a direct connection. */
  jump_server_id: string | null;
  /** Background scans every this many minutes; null: the account's interval, if any. */
  scan_interval_minutes: number | null;
  created_at: string;
  updated_at: string;
};

export type ScansTable = {
  id: string;
  server_id: string;
  started_at: string;
  duration_ms: number;
  summary: string;
  /** gzip of the scan's JSON body (commands, processes, zombies, parents, notes). */
  body: Uint8Array;
};

export type AuditEventsTable = {
  id: string;
  at: string;
  actor_id: string;
  /** Copied, not joined: the record must outlive the user's deletion unchanged. */
  actor_email: string;
  server_id: string | null;
  kind: string;
  /** JSON of the kind's own facts (action, pid, comm, startTime, fingerprints, ...). */
  detail: string;
  result: AuditResult;
  code: string | null;
  message: string;
};

export type JobsTable = {
  id: string;
  /** The queue, e.g. "fleet.scan-server". */
  name: string;
  /** The payload's JSON. */
  data: string;
  state: "created" | "active" | "completed" | "failed";
  singleton_key: string | null;
  retry_count: number;
  retry_limit: number;
  retry_delay_seconds: number;
  /** Not run before this time (delays and retry backoff). */
  start_after: string;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  /** The handler's answer as JSON, once completed. */
  output: string | null;
  error: string | null;
};

export type FleetScansTable = {
  id: string;
  /** Who asked: the scan is theirs to read, whatever their tenancy allows. */
  requested_by: string;
  created_at: string;
  /** Set when the last server's result arrived. */
  finished_at: string | null;
  total: number;
};

export type FleetScanResultsTable = {
  fleet_scan_id: string;
  server_id: string;
  status: "pending" | "ok" | "error";
  /** The stored scan, when it worked. */
  scan_id: string | null;
  /** JSON of the scan's ScanSummary plus the fleet row's facts (load, PID use), when it worked. */
  summary: string | null;
  error_code: string | null;
  error_message: string | null;
  duration_ms: number | null;
  finished_at: string | null;
};

/** Each server's latest scan attempt, successful or not: reachability and failures in a row. */
export type ScanStatusTable = {
  server_id: string;
  last_attempt_at: string;
  last_ok_at: string | null;
  /** The last scan that worked, and its fleet summary (JSON): the fleet page reads no scan bodies. */
  last_scan_id: string | null;
  last_summary: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  /** Failed attempts since the last one that worked. */
  failures_in_row: number;
};

export type SnapshotsTable = {
  id: string;
  /** sha256 of the link's token: the token itself is shown once, at creation. */
  token_hash: string;
  server_id: string;
  scan_id: string;
  ticket: string | null;
  created_by_id: string;
  /** Copied, not joined, like the audit log's actor. */
  created_by_email: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  views: number;
  last_viewed_at: string | null;
  /** gzip of the frozen SnapshotBody JSON (command lines already redacted). */
  body: Uint8Array;
};

export type SnapshotImagesTable = {
  snapshot_id: string;
  png: Uint8Array;
  created_at: string;
};

export type RefusalBurstsTable = {
  actor_id: string;
  actor_email: string;
  started_at: string;
  last_at: string;
  count: number;
  server_id: string | null;
  /** 1 while every refusal of the burst was about server_id. */
  one_server: number;
  /** JSON {code: count}. */
  codes: string;
};

export type MetaTable = {
  name: string;
  value: string;
};

export type AlertThresholdsTable = {
  /** "global", or the account's id. */
  scope: string;
  account_id: string | null;
  /** null: this threshold is off. */
  zombies_above: number | null;
  pid_use_percent_above: number | null;
  zombie_age_minutes_above: number | null;
  failed_scans_in_row: number | null;
  updated_at: string;
};

export type AlertStatesTable = {
  server_id: string;
  at_risk: number;
  /** JSON of AlertReason[]. */
  reasons: string;
  since: string | null;
  evaluated_at: string;
};

export type WebhooksTable = {
  id: string;
  url: string;
  /** AES-256-GCM sealed signing secret, bound to the webhook's id. */
  secret: Uint8Array;
  /** JSON array of event names. */
  events: string;
  account_id: string | null;
  /** Reaper's origin as the admin who added it opened it: where snapshot links in deliveries point. */
  link_origin: string;
  created_at: string;
};

export type WebhookDeliveriesTable = {
  id: string;
  webhook_id: string;
  event: string;
  server_id: string | null;
  /** The exact JSON sent (and signed) on every attempt. */
  body: string;
  created_at: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  next_attempt_at: string | null;
  response_status: number | null;
  error: string | null;
  delivered_at: string | null;
};

/** The scheduler's state: when each server with an interval is next due. */
export type ScanSchedulesTable = {
  server_id: string;
  next_at: string;
  /** The interval next_at was planned with. */
  interval_minutes: number;
  last_queued_at: string | null;
};

export type Database = {
  scan_schedules: ScanSchedulesTable;
  alert_thresholds: AlertThresholdsTable;
  alert_states: AlertStatesTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  meta: MetaTable;
  refusal_bursts: RefusalBurstsTable;
  audit_events: AuditEventsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  api_tokens: ApiTokensTable;
  accounts: AccountsTable;
  servers: ServersTable;
  scans: ScansTable;
  jobs: JobsTable;
  fleet_scans: FleetScansTable;
  fleet_scan_results: FleetScanResultsTable;
  scan_status: ScanStatusTable;
  snapshots: SnapshotsTable;
  snapshot_images: SnapshotImagesTable;
};
