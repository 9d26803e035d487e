import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeEnv } from "@/tests/support/store";

// pg-boss on PostgreSQL: the jobs live in its schema, not in Reaper's jobs table, and a job whose
// instance died mid-run (took it, never reported back) is expired and run by another instance.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "reaper-job-expiry-"));
process.env.REAPER_DATA_DIR = dataDir;
process.env.REAPER_LOG_LEVEL = "error";
Object.assign(process.env, await storeEnv(dataDir));

const { closeDb, getDb } = await import("@/lib/server/db/client");
const { createJobQueue } = await import("@/lib/server/jobs/queue");
const { PGBOSS_SCHEMA, MAINTENANCE_INTERVAL_SECONDS } = await import("@/lib/server/jobs/pgboss-queue");
import type { JobQueue } from "@/lib/server/jobs/types";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const queues: JobQueue[] = [];
let dead: PgBoss;

beforeAll(async () => {
  await getDb();
  // The instance that will die: a bare pg-boss on the same database that takes a job and goes silent.
  dead = new PgBoss({ connectionString: process.env.DATABASE_URL, schema: PGBOSS_SCHEMA, schedule: false, supervise: false });
  dead.on("error", () => undefined);
});
afterAll(async () => {
  for (const q of queues) await q.stop({ timeoutMs: 1000 });
  await dead.stop({ graceful: false, wait: true }).catch(() => undefined);
  await closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("pg-boss holds the jobs on PostgreSQL", () => {
  it("a job taken by an instance that died is run by another after its expiry", async () => {
    const alive = createJobQueue(100);
    queues.push(alive);
    const ran: { data: unknown; retryCount: number }[] = [];
    let running = 0;
    let most = 0;
    // Registered first, so the queue exists with its 1 s expiry, but not started until the dead one took the job.
    await alive.work("t.expiry", { concurrency: 2, expireInSeconds: 1 }, async (job) => {
      ran.push({ data: job.data, retryCount: job.retryCount });
      most = Math.max(most, ++running);
      await sleep(200);
      running--;
      return "finished elsewhere";
    });
    const id = await alive.send("t.expiry", { serverId: "srv_dead" }, { singletonKey: "srv_dead", retryDelaySeconds: 1 });
    await dead.start();
    const [taken] = await dead.fetch("t.expiry");
    expect(taken?.id).toBe(id);
    expect((await alive.getJob("t.expiry", id!))?.state).toBe("active");
    // The same server asked for again meanwhile waits behind the lost run (one at a time per key).
    const waiting = await alive.send("t.expiry", { serverId: "srv_dead" }, { singletonKey: "srv_dead" });
    expect(waiting).not.toBeNull();

    const t0 = Date.now();
    await alive.start();
    for (;;) {
      const job = await alive.getJob("t.expiry", id!);
      if (job?.state === "completed") {
        expect(job).toMatchObject({ output: "finished elsewhere", retryCount: 1 });
        break;
      }
      // expiry (1 s) + a maintenance round + the retry delay (1-2 s) + the poll, with room for a loaded machine
      if (Date.now() - t0 > (MAINTENANCE_INTERVAL_SECONDS + 20) * 1000) throw new Error(`the lost job was not picked up: ${JSON.stringify(job)}`);
      await sleep(100);
    }
    // The waiting job ran too (it may go first, while the lost one waits out its retry delay), never beside it.
    for (let i = 0; i < 100 && (await alive.getJob("t.expiry", waiting!))?.state !== "completed"; i++) await sleep(100);
    expect((await alive.getJob("t.expiry", waiting!))?.state).toBe("completed");
    expect(ran.sort((a, b) => a.retryCount - b.retryCount)).toEqual([0, 1].map((retryCount) => ({ data: { serverId: "srv_dead" }, retryCount })));
    expect(most).toBe(1);
  });

  it("Reaper's own jobs table stays empty: pg-boss's schema has them", async () => {
    const db = await getDb();
    const ours = await sql<{ n: string }>`select count(*) as n from jobs`.execute(db);
    expect(Number(ours.rows[0]?.n)).toBe(0);
    const theirs = await sql<{ n: string }>`select count(*) as n from ${sql.table(`${PGBOSS_SCHEMA}.job`)} where name = 't.expiry'`.execute(db);
    expect(Number(theirs.rows[0]?.n)).toBe(2);
  });
});
