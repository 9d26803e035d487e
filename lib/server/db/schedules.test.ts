import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAccount, setAccountScanInterval } from "@/lib/server/db/accounts";
import { newId, nowIso } from "@/lib/server/db/ids";
import { dropUnscheduled, dueServers, planNextScan } from "@/lib/server/db/schedules";
import { insertScan, listScans, pruneScans } from "@/lib/server/db/scans";
import { updateStoredServer } from "@/lib/server/db/servers";
import { testStore } from "@/tests/support/store";
import { useFreshStore } from "@/tests/support/fresh-store";
import { emptyScan } from "@/tests/support/stored-scan";
import { insertTestServer } from "@/tests/support/stored-server";

// The scheduler's plan and scan retention in the store (this file runs on SQLite and PostgreSQL).
let store: Awaited<ReturnType<typeof useFreshStore>>;
beforeAll(async () => {
  store = await useFreshStore();
});
afterAll(() => store.close());

const server = insertTestServer;


const T0 = new Date("2026-12-01T10:00:00.000Z");
const plus = (minutes: number) => new Date(T0.getTime() + minutes * 60_000).toISOString();
const dueIds = async (at: string) => (await dueServers(at, 100)).map((d) => d.serverId).sort();

describe(`the scan schedule on ${testStore()}`, () => {
  it("plans servers with their own interval or their account's; the rest are never due", async () => {
    const account = { id: newId("acc"), name: `Scheduled ${Date.now()}`, createdAt: nowIso(), scanIntervalMinutes: null };
    await insertAccount(account);
    await setAccountScanInterval(account.id, 10);
    const own = await server({ scanIntervalMinutes: 5 });
    const inherits = await server({ accountId: account.id });
    const overrides = await server({ accountId: account.id, scanIntervalMinutes: 2 });
    await server();

    expect(await dueServers(plus(0), 100)).toEqual(
      expect.arrayContaining([
        { serverId: own.id, intervalMinutes: 5 },
        { serverId: inherits.id, intervalMinutes: 10 },
        { serverId: overrides.id, intervalMinutes: 2 },
      ]),
    );
    expect(await dueIds(plus(0))).toEqual([own.id, inherits.id, overrides.id].sort());

    for (const d of await dueServers(plus(0), 100)) await planNextScan(d.serverId, plus(d.intervalMinutes), d.intervalMinutes, plus(0));
    expect(await dueIds(plus(1))).toEqual([]);
    expect(await dueIds(plus(2))).toEqual([overrides.id]);
    expect(await dueIds(plus(10))).toEqual([own.id, inherits.id, overrides.id].sort());

    // A changed interval plans afresh at once; a server turned off is forgotten.
    await updateStoredServer(own.id, { scanIntervalMinutes: 1 });
    expect(await dueIds(plus(1))).toEqual([own.id]);
    await updateStoredServer(own.id, { scanIntervalMinutes: null });
    await setAccountScanInterval(account.id, null);
    await dropUnscheduled();
    expect(await dueIds(plus(1000))).toEqual([overrides.id]);
  });
});

describe(`scan retention on ${testStore()}`, () => {
  it("deletes scans older than the cutoff but keeps each server's newest, however old", async () => {
    const busy = await server();
    const idle = await server();
    for (const day of [1, 2, 3, 40, 41]) await insertScan(emptyScan(busy.id, new Date(Date.UTC(2026, 10, day)).toISOString()));
    await insertScan(emptyScan(idle.id, new Date(Date.UTC(2025, 0, 1)).toISOString()));
    await insertScan(emptyScan(idle.id, new Date(Date.UTC(2025, 0, 2)).toISOString()));

    const pruned = await pruneScans(new Date(Date.UTC(2026, 10, 3)).toISOString(), 1);
    expect(pruned).toBe(3);
    expect((await listScans(busy.id, 10)).map((s) => s.startedAt.slice(0, 10))).toEqual(["2026-12-11", "2026-12-10", "2026-11-03"]);
    expect((await listScans(idle.id, 10)).map((s) => s.startedAt.slice(0, 10))).toEqual(["2025-01-02"]);
  });
});
