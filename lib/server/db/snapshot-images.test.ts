import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/server/db/ids";
import { deleteStoredServer } from "@/lib/server/db/servers";
import { forgetSnapshotImage, keepSnapshotImage, pruneSnapshotImages, readSnapshotImage } from "@/lib/server/db/snapshot-images";
import { insertSnapshot, markRevoked } from "@/lib/server/db/snapshots";
import { useFreshStore } from "@/tests/support/fresh-store";
import { testStore } from "@/tests/support/store";
import { insertTestServer } from "@/tests/support/stored-server";

// Snapshot pictures kept in the store (this file runs on SQLite and PostgreSQL): one copy per
// snapshot, gone with a dead link or a deleted server.
let store: Awaited<ReturnType<typeof useFreshStore>>;
beforeAll(async () => {
  store = await useFreshStore();
});
afterAll(() => store.close());

const NOW = "2026-12-02T12:00:00.000Z";
const png = (fill: number) => Buffer.alloc(2048, fill);

const newServer = async (): Promise<string> => (await insertTestServer()).id;

async function newSnapshot(serverId: string, expiresAt = "2027-01-01T00:00:00.000Z"): Promise<string> {
  const id = newId("snp");
  await insertSnapshot({
    id, tokenHash: randomBytes(32).toString("hex"), serverId, scanId: newId("scn"), ticket: null, createdAt: NOW, createdBy: { id: "usr_x", email: "agent@example.com" }, expiresAt,
    body: { serverName: "web", ticket: null, scannedAt: NOW, durationMs: 1, summary: { processes: 1, zombies: 0, pidsInUse: 1, pidMax: 32768, loadAvg: [0, 0, 0] }, verdict: { text: "No zombies", level: "ok" }, parents: [], actions: [], processes: [], redactedLines: 0 },
  });
  return id;
}

describe(`snapshot pictures on ${testStore()}`, () => {
  it("keeps the first copy when two renders finish, answers it byte for byte, and forgets it", async () => {
    const snap = await newSnapshot(await newServer());
    expect(await readSnapshotImage(snap)).toBeNull();
    await Promise.all([keepSnapshotImage(snap, png(1), NOW), keepSnapshotImage(snap, png(2), NOW)]);
    const kept = await readSnapshotImage(snap);
    expect(kept?.length).toBe(2048);
    expect([1, 2]).toContain(kept?.[0]);
    expect(kept?.every((b) => b === kept[0])).toBe(true);
    await forgetSnapshotImage(snap);
    expect(await readSnapshotImage(snap)).toBeNull();
  });

  it("prunes the pictures of expired and revoked links, and only those", async () => {
    const server = await newServer();
    const [live, expired, revoked] = [await newSnapshot(server), await newSnapshot(server, "2026-12-02T11:59:59.000Z"), await newSnapshot(server)];
    await markRevoked(revoked, NOW);
    for (const s of [live, expired, revoked]) await keepSnapshotImage(s, png(7), NOW);
    expect(await pruneSnapshotImages(NOW)).toBe(2);
    expect(await readSnapshotImage(live)).not.toBeNull();
    expect(await readSnapshotImage(expired)).toBeNull();
    expect(await readSnapshotImage(revoked)).toBeNull();
  });

  it("goes with its server", async () => {
    const server = await newServer();
    const snap = await newSnapshot(server);
    await keepSnapshotImage(snap, png(9), NOW);
    await deleteStoredServer(server);
    expect(await readSnapshotImage(snap)).toBeNull();
  });
});
