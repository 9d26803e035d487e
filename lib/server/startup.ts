import "server-only";
import { closeQuietBursts } from "@/lib/server/audit/refusal-limit";
import { ensureFirstAdmin } from "@/lib/server/auth/users";
import { drainAuditOutboxAtStart } from "@/lib/server/db/audit";
import { getDb } from "@/lib/server/db/client";
import { nowIso } from "@/lib/server/db/ids";
import { deleteExpiredSessions } from "@/lib/server/db/sessions";
import { withStoreLock } from "@/lib/server/db/store-lock";
import { env } from "@/lib/server/env";
import { servedByReaper } from "@/lib/server/http/client-info";
import { jobQueue, startJobs } from "@/lib/server/jobs/queue";
import { jobKinds } from "@/lib/server/jobs/registry";
import { log } from "@/lib/server/log";
import { verifySecretKey } from "@/lib/server/secrets/key-check";
import { startScheduler, stopScheduler } from "@/lib/server/schedule/scheduler";
import { resumeDeliveries } from "@/lib/server/webhooks/dispatch";

/**
 * Migrations, audit events a previous run left in the outbox, the secret key's check, the first admin
 * (REAPER_ADMIN_EMAIL/PASSWORD when no admin exists yet), old sessions, background jobs, and the
 * webhook deliveries a stop interrupted; then the background scan scheduler.
 */
export async function start(): Promise<void> {
  await getDb();
  await drainAuditOutboxAtStart();
  // Instances starting together on one database: one of them creates the first admin.
  await withStoreLock("startup", async () => {
    await verifySecretKey();
    await ensureFirstAdmin(env().REAPER_ADMIN_EMAIL, env().REAPER_ADMIN_PASSWORD);
  });
  await deleteExpiredSessions(nowIso());
  await closeQuietBursts();
  await startJobs(jobKinds);
  const resumed = await resumeDeliveries();
  if (resumed > 0) log.info("startup.webhooks_resumed", { deliveries: resumed });
  startScheduler();
  (globalThis as WithShutdown)[shutdownKey] = stop;
  if (!servedByReaper()) {
    log.warn("startup.plain_next", { detail: "started without scripts/serve.mjs (npm start): client addresses for login limits come from X-Forwarded-For, which clients can forge" });
  }
}

// scripts/serve.mjs calls this on SIGTERM/SIGINT before it exits (it cannot import app modules).
const shutdownKey = Symbol.for("reaper.shutdown");
type WithShutdown = typeof globalThis & { [shutdownKey]?: () => Promise<void> };

/**
 * No new background scans, and the running jobs get a few seconds to end. What is still running
 * then runs again: on SQLite at the next start, on PostgreSQL on whichever instance takes it after
 * its retry delay, without waiting for its expiry.
 */
export async function stop(): Promise<void> {
  stopScheduler();
  await jobQueue().stop({ timeoutMs: 5000 });
}
