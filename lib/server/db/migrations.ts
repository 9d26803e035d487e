import { sql, type Kysely, type Migration } from "kysely";

// Versioned, append-only: a released migration is never edited; a change is a new entry.
// Written with the schema builder only, so the same list runs on SQLite and PostgreSQL.
export const migrations: Record<string, Migration> = {
  "0001_core": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("accounts")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("account_id", "text", (c) => c.references("accounts.id"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("sessions")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("login_attempts")
        .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
        .addColumn("email", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("ok", "integer", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("login_attempts_email_at").on("login_attempts").columns(["email", "at"]).execute();
      await db.schema
        .createTable("servers")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("host", "text", (c) => c.notNull())
        .addColumn("port", "integer", (c) => c.notNull())
        .addColumn("username", "text", (c) => c.notNull())
        .addColumn("auth_type", "text", (c) => c.notNull())
        .addColumn("secrets", "blob", (c) => c.notNull())
        .addColumn("host_key_fingerprint", "text")
        .addColumn("account_id", "text", (c) => c.references("accounts.id"))
        .addColumn("use_sudo", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("scans")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("server_id", "text", (c) => c.notNull().references("servers.id").onDelete("cascade"))
        .addColumn("started_at", "text", (c) => c.notNull())
        .addColumn("duration_ms", "integer", (c) => c.notNull())
        .addColumn("summary", "text", (c) => c.notNull())
        .addColumn("body", "blob", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("audit_events")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor_id", "text", (c) => c.notNull())
        .addColumn("actor_email", "text", (c) => c.notNull())
        .addColumn("server_id", "text")
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("detail", "text", (c) => c.notNull())
        .addColumn("result", "text", (c) => c.notNull())
        .addColumn("code", "text")
        .addColumn("message", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("audit_events_at").on("audit_events").columns(["at"]).execute();
      await db.schema.createIndex("scans_server_started").on("scans").columns(["server_id", "started_at"]).execute();
    },
  },
  "0002_audit_lookups": {
    // The audit page filters by server and by person, and actions look up a server's recent events.
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex("audit_events_server_at").on("audit_events").columns(["server_id", "at"]).execute();
      await db.schema.createIndex("audit_events_actor_at").on("audit_events").columns(["actor_id", "at"]).execute();
    },
  },
  "0006_jump_servers": {
    // A server may be reached through another saved server (a bastion). Deleting a bastion that
    // others still use is refused by the servers service, so the reference never dangles.
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("servers")
        .addColumn("jump_server_id", "text", (c) => c.references("servers.id"))
        .execute();
      await db.schema.createIndex("servers_jump_server").on("servers").columns(["jump_server_id"]).execute();
    },
  },
  "0007_meta": {
    // Facts about the store itself, such as the check value of the key that seals its credentials.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("meta")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .execute();
    },
  },
  "0005_fleet": {
    // Background jobs (the SQLite queue), fleet scans with one result row per server, and each
    // server's latest scan attempt (reachability, failures in a row). A job's singleton key is
    // unique among waiting jobs of its queue: the index itself refuses a second one.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("jobs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("data", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("singleton_key", "text")
        .addColumn("retry_count", "integer", (c) => c.notNull())
        .addColumn("retry_limit", "integer", (c) => c.notNull())
        .addColumn("retry_delay_seconds", "integer", (c) => c.notNull())
        .addColumn("start_after", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("started_at", "text")
        .addColumn("completed_at", "text")
        .addColumn("output", "text")
        .addColumn("error", "text")
        .execute();
      await db.schema.createIndex("jobs_due").on("jobs").columns(["name", "state", "start_after"]).execute();
      await db.schema.createIndex("jobs_singleton_waiting").on("jobs").columns(["name", "singleton_key"]).unique().where(sql.ref("state"), "=", "created").execute();
      await db.schema.createIndex("jobs_singleton_key").on("jobs").columns(["singleton_key", "state"]).execute();

      await db.schema
        .createTable("fleet_scans")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("requested_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("finished_at", "text")
        .addColumn("total", "integer", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("fleet_scan_results")
        .addColumn("fleet_scan_id", "text", (c) => c.notNull().references("fleet_scans.id").onDelete("cascade"))
        .addColumn("server_id", "text", (c) => c.notNull().references("servers.id").onDelete("cascade"))
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("scan_id", "text")
        .addColumn("summary", "text")
        .addColumn("error_code", "text")
        .addColumn("error_message", "text")
        .addColumn("duration_ms", "integer")
        .addColumn("finished_at", "text")
        .addPrimaryKeyConstraint("fleet_scan_results_pk", ["fleet_scan_id", "server_id"])
        .execute();
      await db.schema.createIndex("fleet_scan_results_server_status").on("fleet_scan_results").columns(["server_id", "status"]).execute();
      await db.schema.createIndex("fleet_scans_created").on("fleet_scans").columns(["created_at"]).execute();

      await db.schema
        .createTable("scan_status")
        .addColumn("server_id", "text", (c) => c.primaryKey().references("servers.id").onDelete("cascade"))
        .addColumn("last_attempt_at", "text", (c) => c.notNull())
        .addColumn("last_ok_at", "text")
        .addColumn("last_scan_id", "text")
        .addColumn("last_summary", "text")
        .addColumn("last_error_code", "text")
        .addColumn("last_error_message", "text")
        .addColumn("failures_in_row", "integer", (c) => c.notNull())
        .execute();
    },
  },
  "0012_alerts": {
    // Alert thresholds (one global set, optionally one per account), each server's judgment after
    // its latest scan (the facts judged stay in scan_status), and the webhooks told when a server
    // turns at risk or recovers, with a log of every delivery (kept for the delivery page, retried
    // from its row after a restart).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("alert_thresholds")
        // "global", or the account's id.
        .addColumn("scope", "text", (c) => c.primaryKey())
        .addColumn("account_id", "text", (c) => c.references("accounts.id").onDelete("cascade"))
        .addColumn("zombies_above", "integer")
        .addColumn("pid_use_percent_above", "integer")
        .addColumn("zombie_age_minutes_above", "integer")
        .addColumn("failed_scans_in_row", "integer")
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("alert_states")
        .addColumn("server_id", "text", (c) => c.primaryKey().references("servers.id").onDelete("cascade"))
        .addColumn("at_risk", "integer", (c) => c.notNull())
        .addColumn("reasons", "text", (c) => c.notNull())
        .addColumn("since", "text")
        .addColumn("evaluated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("webhooks")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("url", "text", (c) => c.notNull())
        .addColumn("secret", "blob", (c) => c.notNull())
        .addColumn("events", "text", (c) => c.notNull())
        .addColumn("account_id", "text", (c) => c.references("accounts.id").onDelete("cascade"))
        // The origin Reaper was opened at when the webhook was added: its deliveries' snapshot
        // links start with it unless REAPER_PUBLIC_URL names another.
        .addColumn("link_origin", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("webhook_deliveries")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("webhook_id", "text", (c) => c.notNull().references("webhooks.id").onDelete("cascade"))
        .addColumn("event", "text", (c) => c.notNull())
        .addColumn("server_id", "text")
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("next_attempt_at", "text")
        .addColumn("response_status", "integer")
        .addColumn("error", "text")
        .addColumn("delivered_at", "text")
        .execute();
      await db.schema.createIndex("webhook_deliveries_webhook_created").on("webhook_deliveries").columns(["webhook_id", "created_at"]).execute();
      await db.schema.createIndex("webhook_deliveries_status_next").on("webhook_deliveries").columns(["status", "next_attempt_at"]).execute();
    },
  },
  "0008_refusal_bursts": {
    // Refused attempts past a person's per-minute allowance are counted here, one row per person,
    // instead of one audit event each; the burst becomes one audit event with its count.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("refusal_bursts")
        .addColumn("actor_id", "text", (c) => c.primaryKey())
        .addColumn("actor_email", "text", (c) => c.notNull())
        .addColumn("started_at", "text", (c) => c.notNull())
        .addColumn("last_at", "text", (c) => c.notNull())
        .addColumn("count", "integer", (c) => c.notNull())
        // The server every refusal of the burst was about; null once they were about several (or none).
        .addColumn("server_id", "text")
        .addColumn("one_server", "integer", (c) => c.notNull())
        // The codes refused, JSON {code: count}.
        .addColumn("codes", "text", (c) => c.notNull())
        .execute();
    },
  },
  "0013_schedules": {
    // Background scans: an interval per server and per account (null: off), and the scheduler's
    // state, each scheduled server's next due time, kept in the store so a restart resumes it.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("servers").addColumn("scan_interval_minutes", "integer").execute();
      await db.schema.alterTable("accounts").addColumn("scan_interval_minutes", "integer").execute();
      await db.schema
        .createTable("scan_schedules")
        .addColumn("server_id", "text", (c) => c.primaryKey().references("servers.id").onDelete("cascade"))
        .addColumn("next_at", "text", (c) => c.notNull())
        // The interval next_at was planned with: a changed interval plans afresh.
        .addColumn("interval_minutes", "integer", (c) => c.notNull())
        .addColumn("last_queued_at", "text")
        .execute();
    },
  },
  "0003_people_and_tokens": {
    // People can be disabled; accounts have unique names; sessions get a public id (to be listed
    // and revoked), a last-seen time and where they came from; login attempts are counted per
    // email and client address; API tokens for integrations. Sessions and login attempts are
    // short-lived, so their tables are rebuilt rather than altered: everyone logs in once more.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("users").addColumn("disabled_at", "text").execute();
      await db.schema.createIndex("accounts_name").on("accounts").column("name").unique().execute();
      await db.schema.createIndex("users_account").on("users").column("account_id").execute();
      await db.schema.createIndex("servers_account").on("servers").column("account_id").execute();

      await db.schema.dropTable("sessions").execute();
      await db.schema
        .createTable("sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("last_seen_at", "text", (c) => c.notNull())
        .addColumn("user_agent", "text", (c) => c.notNull())
        .addColumn("address", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

      await db.schema.dropTable("login_attempts").execute();
      await db.schema
        .createTable("login_attempts")
        .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
        .addColumn("email", "text", (c) => c.notNull())
        .addColumn("address", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        // 0 until the password was found right: a guess counts from the moment it arrives.
        .addColumn("ok", "integer", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("login_attempts_email_at").on("login_attempts").columns(["email", "at"]).execute();
      await db.schema.createIndex("login_attempts_address_at").on("login_attempts").columns(["address", "at"]).execute();
      await db.schema.createIndex("login_attempts_at").on("login_attempts").column("at").execute();

      await db.schema
        .createTable("api_tokens")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_used_at", "text")
        .execute();
      await db.schema.createIndex("api_tokens_user").on("api_tokens").column("user_id").execute();
    },
  },
  "0004_snapshots": {
    // Scans frozen for support tickets, opened by an unguessable link. A snapshot goes with its
    // server: deleting the server deletes its links.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("snapshots")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("server_id", "text", (c) => c.notNull().references("servers.id").onDelete("cascade"))
        .addColumn("scan_id", "text", (c) => c.notNull())
        .addColumn("ticket", "text")
        .addColumn("created_by_id", "text", (c) => c.notNull())
        .addColumn("created_by_email", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("revoked_at", "text")
        .addColumn("views", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("last_viewed_at", "text")
        .addColumn("body", "blob", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("snapshots_server_created").on("snapshots").columns(["server_id", "created_at"]).execute();
    },
  },
  "0014_snapshot_images": {
    // A snapshot's PNG, rendered once: in the store, so every instance answers from one copy and a
    // picture goes with its snapshot (revoked, expired and pruned, or its server deleted).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("snapshot_images")
        .addColumn("snapshot_id", "text", (c) => c.primaryKey().references("snapshots.id").onDelete("cascade"))
        .addColumn("png", "blob", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
    },
  },
};
