import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishedFleetResults, findFleetScanRecord, insertFleetScan, settleFleetResults, type Settlement } from "@/lib/server/db/fleet-scans";
import { newId, nowIso } from "@/lib/server/db/ids";
import { testStore } from "@/tests/support/store";
import { useFreshStore } from "@/tests/support/fresh-store";
import { insertTestServer } from "@/tests/support/stored-server";

// Results of one fleet scan settled at the same moment by different jobs (on PostgreSQL, different
// connections or instances): the last of them must still mark the scan finished, and every one of
// them must be readable by the event stream. This file runs on SQLite and PostgreSQL.
let store: Awaited<ReturnType<typeof useFreshStore>>;
beforeAll(async () => {
  store = await useFreshStore();
});
afterAll(() => store.close());

const server = async (): Promise<string> => (await insertTestServer()).id;

const failed: Settlement = { status: "error", error: { code: "SSH_TIMEOUT", message: "no answer" }, durationMs: 3 };

describe(`fleet scan results settled at once on ${testStore()}`, () => {
  it("the scan is finished once its last results land together, and every result is read", async () => {
    const servers = await Promise.all(Array.from({ length: 8 }, () => server()));
    for (let round = 0; round < 10; round++) {
      const record = { id: newId("fsc"), requestedBy: newId("usr"), createdAt: new Date(Date.now() - 1000).toISOString(), finishedAt: null, total: servers.length };
      expect(await insertFleetScan(record, servers, { maxOpen: 100, openSince: record.createdAt })).toBe(true);
      await Promise.all(servers.map((s) => settleFleetResults(s, nowIso(), failed, nowIso())));
      expect((await findFleetScanRecord(record.id))?.finishedAt, `round ${round}`).not.toBeNull();
      expect((await finishedFleetResults(record.id)).map((r) => r.serverId).sort()).toEqual([...servers].sort());
      expect(await finishedFleetResults(record.id, new Date(Date.now() + 60_000).toISOString())).toEqual([]);
    }
  });
});
