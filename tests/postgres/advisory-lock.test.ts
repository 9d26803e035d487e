import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { databaseOn } from "@/lab/postgres";
import { closeStore, openStore, type Handle } from "@/lib/server/db/client";
import { withAdvisoryLock } from "@/lib/server/db/postgres";

// Two stores on one database stand for two instances: a lock one holds makes the other wait,
// and a holder whose connection dies (a crashed instance) leaves no lock behind.
let dataDir: string;
let instances: Handle[];

function lockPoolOf(h: Handle | undefined) {
  if (h?.store.kind !== "postgres") throw new Error("not a PostgreSQL store");
  return h.store.lockPool;
}

/** Waits until PostgreSQL shows someone waiting for an advisory lock: the second instance is queued. */
async function untilSomeoneWaits(h: Handle): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from pg_locks where locktype = 'advisory' and not granted`.execute(h.store.db);
    if (Number(rows[0]?.n) > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "reaper-locks-"));
  const url = await databaseOn(inject("postgresUrl"), "reaper_advisory_lock");
  instances = [openStore({ databaseUrl: url, dataDir }), openStore({ databaseUrl: url, dataDir })];
  await Promise.all(instances.map((h) => h.ready));
});
afterAll(async () => {
  await Promise.all((instances ?? []).map(closeStore));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("PostgreSQL advisory locks across instances", () => {
  it("make the second holder of a name wait for the first", async () => {
    const [one, two] = instances;
    const log: string[] = [];
    let release: () => void = () => undefined;
    const first = withAdvisoryLock(lockPoolOf(one), "test:shared", async () => {
      log.push("one in");
      await new Promise<void>((r) => (release = r));
      log.push("one out");
    });
    while (!log.includes("one in")) await new Promise((r) => setTimeout(r, 10));
    const second = withAdvisoryLock(lockPoolOf(two), "test:shared", async () => {
      log.push("two in");
    });
    await untilSomeoneWaits(one as Handle);
    expect(log).toEqual(["one in"]);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(["one in", "one out", "two in"]);
  });

  it("do not make different names wait for each other", async () => {
    const [one, two] = instances;
    let release: (() => void) | undefined;
    const first = withAdvisoryLock(lockPoolOf(one), "test:server-a", () => new Promise<void>((r) => (release = r)));
    // server-a held first: on a loaded machine its lock can come after server-b's whole turn, and
    // releasing it before then would release nothing.
    while (!release) await new Promise((r) => setTimeout(r, 10));
    // Would hang (and time out) were server-b queued behind server-a.
    await withAdvisoryLock(lockPoolOf(two), "test:server-b", async () => undefined);
    release();
    await first;
  });

  it("are freed when the holder's connection dies, as when its instance crashes", async () => {
    const [one, two] = instances;
    let holderPid = 0;
    let finish: () => void = () => undefined;
    const crashed = withAdvisoryLock(lockPoolOf(one), "test:crash", async () => {
      const { rows } = await sql<{ pid: number }>`
        select pid from pg_locks
        where locktype = 'advisory' and granted and ((classid::bigint << 32) | objid::bigint) = hashtextextended('test:crash', 0)`.execute((one as Handle).store.db);
      holderPid = rows[0]?.pid ?? -1;
      await new Promise<void>((r) => (finish = r));
    });
    while (holderPid === 0) await new Promise((r) => setTimeout(r, 10));
    expect(holderPid).toBeGreaterThan(0);
    const waiter = withAdvisoryLock(lockPoolOf(two), "test:crash", async () => "taken over");
    await untilSomeoneWaits(two as Handle);
    await sql`select pg_terminate_backend(${holderPid})`.execute((two as Handle).store.db);
    await expect(waiter).resolves.toBe("taken over");
    // The dead holder's work ends; its connection is thrown away, not handed to the next caller.
    finish();
    await crashed;
    await expect(withAdvisoryLock(lockPoolOf(one), "test:crash", async () => "usable")).resolves.toBe("usable");
  });
});
