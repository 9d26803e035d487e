import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { storeEnv, testStore } from "@/tests/support/store";

// The queue of the store under test: SqliteJobQueue over SQLite on disk (the sqlite project), pg-boss
// on a real PostgreSQL (the postgres project). Its state in the store is what survives a restart.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "reaper-jobs-"));
process.env.REAPER_DATA_DIR = dataDir;
process.env.REAPER_LOG_LEVEL = "error";
Object.assign(process.env, await storeEnv(dataDir));

const { closeDb, getDb } = await import("@/lib/server/db/client");
const { createJobQueue, enqueue, jobQueue, register, startJobs } = await import("@/lib/server/jobs/queue");
import type { Job, JobQueue } from "@/lib/server/jobs/types";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A promise the test resolves by hand, to hold a handler mid-run. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const finished = (q: JobQueue, name: string, id: string) => until(`job ${id} to end`, async () => {
  const job = await q.getJob(name, id);
  return job && (job.state === "completed" || job.state === "failed") ? job : null;
});

const queues: JobQueue[] = [];
function newQueue(): JobQueue {
  const q = createJobQueue(30);
  queues.push(q);
  return q;
}

beforeAll(async () => {
  await getDb();
});
afterEach(async () => {
  for (const q of queues.splice(0)) await q.stop({ timeoutMs: 1000 });
});
afterAll(async () => {
  await closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe(`the job queue on ${testStore()}`, () => {
  it("runs a job with its payload and keeps what the handler answered", async () => {
    const q = newQueue();
    const seen: unknown[] = [];
    await q.work("t.echo", { concurrency: 2 }, async (job) => {
      seen.push(job.data);
      return { doubled: (job.data as { n: number }).n * 2 };
    });
    await q.start();
    const id = await q.send("t.echo", { n: 21 });
    expect(id).toEqual(expect.any(String));
    const job = await finished(q, "t.echo", id!);
    expect(job).toMatchObject({ state: "completed", output: { doubled: 42 }, error: null, retryCount: 0 });
    expect(job.startedAt).not.toBeNull();
    expect(seen).toEqual([{ n: 21 }]);
    expect(await q.getJob("t.other", id!)).toBeNull();
  });

  it("two queues on one store (two instances) run each job once between them", async () => {
    const [a, b] = [newQueue(), newQueue()];
    const runs = new Map<number, number>();
    const handler = async (job: Job) => {
      const n = (job.data as { n: number }).n;
      runs.set(n, (runs.get(n) ?? 0) + 1);
      await sleep(5);
    };
    for (const q of [a, b]) await q.work("t.shared", { concurrency: 4 }, handler);
    await Promise.all([a.start(), b.start()]);
    const ids = await Promise.all(Array.from({ length: 40 }, (_, n) => (n % 2 ? a : b).send("t.shared", { n })));
    for (const id of ids) expect((await finished(a, "t.shared", id!)).state).toBe("completed");
    expect([...runs.values()].filter((count) => count !== 1)).toEqual([]);
    expect(runs.size).toBe(40);
  });

  it("never runs more jobs of a queue at once than its concurrency", async () => {
    const q = newQueue();
    let running = 0;
    let most = 0;
    await q.work("t.bounded", { concurrency: 3 }, async () => {
      running++;
      most = Math.max(most, running);
      await sleep(30);
      running--;
    });
    await q.start();
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => q.send("t.bounded", { i })));
    for (const id of ids) expect((await finished(q, "t.bounded", id!)).state).toBe("completed");
    expect(most).toBe(3);
  });

  it("with a singleton key: one waits and one runs at most, never two at once", async () => {
    const q = newQueue();
    const hold = gate();
    let running = 0;
    let most = 0;
    const ran: number[] = [];
    await q.work("t.single", { concurrency: 8 }, async (job) => {
      running++;
      most = Math.max(most, running);
      ran.push((job.data as { n: number }).n);
      if ((job.data as { n: number }).n === 1) await hold.opened;
      running--;
    });
    await q.start();
    const first = await q.send("t.single", { n: 1 }, { singletonKey: "srv_a" });
    await until("the first job to run", async () => (await q.getJob("t.single", first!))?.state === "active");
    // Another key's job is sent before the waiting one: on pg-boss 10 a job held back by its key's
    // running job also holds back the jobs queued after it (see PgBossJobQueue).
    const otherKey = await q.send("t.single", { n: 4 }, { singletonKey: "srv_b" });
    const second = await q.send("t.single", { n: 2 }, { singletonKey: "srv_a" });
    const third = await q.send("t.single", { n: 3 }, { singletonKey: "srv_a" });
    expect(second).not.toBeNull();
    expect(third).toBeNull();
    expect((await finished(q, "t.single", otherKey!)).state).toBe("completed");
    await sleep(100);
    expect((await q.getJob("t.single", second!))?.state).toBe("created");
    hold.open();
    expect((await finished(q, "t.single", second!)).state).toBe("completed");
    expect(ran).toEqual([1, 4, 2]);
    expect(most).toBe(2);
    // Once nothing waits, the key is free again.
    expect(await q.send("t.single", { n: 5 }, { singletonKey: "srv_a" })).not.toBeNull();
  });

  it("retries a failing job with backoff, then fails it with the error's message", async () => {
    const q = newQueue();
    const attempts: number[] = [];
    const at: number[] = [];
    await q.work("t.flaky", { concurrency: 1 }, (job: Job) => {
      attempts.push(job.retryCount);
      at.push(Date.now());
      return Promise.reject(new Error(`attempt ${job.retryCount} broke`));
    });
    await q.start();
    const id = await q.send("t.flaky", {}, { retryLimit: 2, retryDelaySeconds: 1 });
    const job = await until("the retries to end", async () => ((await q.getJob("t.flaky", id!))?.state === "failed" ? q.getJob("t.flaky", id!) : null), 15_000);
    expect(attempts).toEqual([0, 1, 2]);
    // 1 s, then 2 s: the delay doubles.
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(1000);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(2000);
    expect(job).toMatchObject({ state: "failed", retryCount: 2, error: "attempt 2 broke" });
  });

  it("holds a delayed job until it is due", async () => {
    const q = newQueue();
    let ranAt = 0;
    await q.work("t.later", { concurrency: 1 }, () => {
      ranAt = Date.now();
      return Promise.resolve();
    });
    await q.start();
    const due = Date.now() + 300;
    const id = await q.send("t.later", {}, { startAfter: new Date(due) });
    await finished(q, "t.later", id!);
    expect(ranAt).toBeGreaterThanOrEqual(due);
  });

  it("a job the stopped process left running runs again after the restart", async () => {
    const before = newQueue();
    const stuck = gate();
    await before.work("t.restart", { concurrency: 1 }, () => stuck.opened);
    await before.start();
    const id = await before.send("t.restart", { server: "srv_x" }, { singletonKey: "srv_x", retryDelaySeconds: 1 });
    await until("the job to run", async () => (await before.getJob("t.restart", id!))?.state === "active");
    // The process dies: its queue stops without waiting, and the store is closed and reopened from disk.
    await before.stop({ timeoutMs: 0 });
    await closeDb();

    const after = newQueue();
    const data: unknown[] = [];
    await after.work("t.restart", { concurrency: 1 }, (job) => {
      data.push(job.data);
      return Promise.resolve("done after restart");
    });
    await after.start();
    const job = await finished(after, "t.restart", id!);
    // SQLite requeues the interrupted run without counting it; pg-boss counts it as a retry (one kept for interruptions).
    expect(job).toMatchObject({ state: "completed", output: "done after restart", retryCount: testStore() === "postgres" ? 1 : 0 });
    expect(data).toEqual([{ server: "srv_x" }]);
    stuck.open();
  });
});

describe("job kinds", () => {
  const kind = {
    name: "t.kind",
    payload: z.object({ serverId: z.string().startsWith("srv_") }),
    concurrency: () => 2,
    run: (data: { serverId: string }) => Promise.resolve(`scanned ${data.serverId}`),
  };

  it("checks the payload when queued and again when run", async () => {
    await startJobs([register(kind)]);
    const id = await enqueue(kind, { serverId: "srv_1" });
    expect((await finished(jobQueue(), kind.name, id!)).output).toBe("scanned srv_1");
    await expect(enqueue(kind, { serverId: "nope" })).rejects.toThrow(/srv_/);
    // A payload that reached the store some other way is refused by the handler, by name.
    const bad = await jobQueue().send(kind.name, { serverId: 7 });
    const job = await finished(jobQueue(), kind.name, bad!);
    expect(job.state).toBe("failed");
    expect(job.error).toMatch(/t\.kind job is invalid: serverId/);
    await jobQueue().stop({ timeoutMs: 1000 });
  });
});
