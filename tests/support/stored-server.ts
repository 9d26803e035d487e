import { randomBytes } from "node:crypto";
import { newId, nowIso } from "@/lib/server/db/ids";
import { insertStoredServer, type StoredServer } from "@/lib/server/db/servers";

/** A server row straight into the test's store (no SSH behind it), for tests of the store itself. */
export async function insertTestServer(over: Partial<StoredServer> = {}): Promise<StoredServer> {
  const s: StoredServer = {
    id: newId("srv"), name: "web", host: "127.0.0.1", port: 22, username: "reaper", authType: "key", sealedSecrets: new Uint8Array(randomBytes(40)),
    hostKeyFingerprint: null, accountId: null, useSudo: false, jumpServerId: null, scanIntervalMinutes: null, createdAt: nowIso(), updatedAt: nowIso(), ...over,
  };
  await insertStoredServer(s);
  return s;
}
