import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertScan } from "@/lib/server/db/scans";
import { env } from "@/lib/server/env";
import { readScan } from "@/lib/server/scan/details-step";
import { testStore } from "@/tests/support/store";
import { useFreshStore } from "@/tests/support/fresh-store";
import { emptyScan } from "@/tests/support/stored-scan";
import { insertTestServer } from "@/tests/support/stored-server";

// A scan answers before its details step starts, and another instance may run that step: a reader
// must leave a pending step alone while it may still land, and settle it once its time is up
// (Reaper stopped meanwhile) instead of showing "pending" forever.
let store: Awaited<ReturnType<typeof useFreshStore>>;
beforeAll(async () => {
  store = await useFreshStore();
});
afterAll(() => store.close());

const pendingScan = (serverId: string, startedAt: Date) => emptyScan(serverId, startedAt.toISOString(), { durationMs: 120, psPending: true, pstreePending: true });

describe(`a scan's pending details step as readers see it, on ${testStore()}`, () => {
  it("stays pending within its command's limit, even though no step runs in this process", async () => {
    const server = await insertTestServer();
    const scan = pendingScan(server.id, new Date());
    await insertScan(scan);
    const read = await readScan(scan.id);
    expect([read?.psPending, read?.pstreePending]).toEqual([true, true]);
  });

  it("is settled as failed, and stored so, once its limit and the grace after it have passed", async () => {
    const server = await insertTestServer();
    const scan = pendingScan(server.id, new Date(Date.now() - env().REAPER_SSH_COMMAND_TIMEOUT_MS - 60_000));
    await insertScan(scan);
    const read = await readScan(scan.id);
    expect([read?.psPending, read?.pstreePending]).toEqual([undefined, undefined]);
    expect(read?.notes.filter((n) => n.includes("Reaper stopped before it ended"))).toHaveLength(2);
    expect(JSON.stringify(await readScan(scan.id))).toContain("Reaper stopped before it ended");
  });
});
