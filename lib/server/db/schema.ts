import type { Generated } from "kysely";

// Column types chosen to mean the same on SQLite and PostgreSQL: text ids and ISO-8601 times,
// integers for flags, and blobs (bytea) for encrypted and compressed payloads.
export type UsersTable = {
  id: string;
  email: string;
  password_hash: string;
  role: "admin" | "agent" | "customer";
  account_id: string | null;
  created_at: string;
};

export type SessionsTable = {
  /** sha256 of the cookie's token: a stolen database cannot be replayed as cookies. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
};

export type LoginAttemptsTable = {
  id: Generated<number>;
  email: string;
  at: string;
  ok: number;
};

export type AccountsTable = {
  id: string;
  name: string;
  created_at: string;
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
  result: "done" | "refused" | "failed";
  code: string | null;
  message: string;
};

export type MetaTable = {
  name: string;
  value: string;
};

export type Database = {
  meta: MetaTable;
  audit_events: AuditEventsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  accounts: AccountsTable;
  servers: ServersTable;
  scans: ScansTable;
};
