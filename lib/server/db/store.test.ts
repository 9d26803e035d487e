import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAccount, listAccounts } from "@/lib/server/db/accounts";
import { appendAudit, listAuditEvents } from "@/lib/server/db/audit";
import { getStore } from "@/lib/server/db/client";
import { newId, nowIso } from "@/lib/server/db/ids";
import { failuresSince, markAttemptOk, recordAttempt, succeededFrom } from "@/lib/server/db/login-attempts";
import { readMeta, writeMetaOnce } from "@/lib/server/db/meta";
import { findStoredServerById, insertStoredServer, type StoredServer } from "@/lib/server/db/servers";
import { findSessionUser, insertSession } from "@/lib/server/db/sessions";
import { insertUser } from "@/lib/server/db/users";
import { testStore } from "@/tests/support/store";
import { useFreshStore } from "@/tests/support/fresh-store";

// The store's services give the same answers on SQLite and PostgreSQL (this file runs in both
// vitest projects): bytes, flags, generated ids, counts, ordering and a race on a unique name.
let store: Awaited<ReturnType<typeof useFreshStore>>;
beforeAll(async () => {
  store = await useFreshStore();
});
afterAll(() => store.close());

describe(`the ${testStore()} store`, () => {
  it("is the store the project asked for", async () => {
    expect((await getStore()).kind).toBe(testStore());
  });

  it("gives a server's sealed bytes and flags back exactly as stored", async () => {
    const account = { id: newId("acc"), name: `Bytes ${Date.now()}`, createdAt: nowIso(), scanIntervalMinutes: null };
    await insertAccount(account);
    const sealed = new Uint8Array(randomBytes(300));
    sealed[0] = 0; // a NUL first: no text encoding may touch the bytes
    const server: StoredServer = {
      id: newId("srv"),
      name: "web-1",
      host: "127.0.0.1",
      port: 2222,
      username: "reaper",
      authType: "key",
      sealedSecrets: sealed,
      hostKeyFingerprint: null,
      accountId: account.id,
      useSudo: true,
      jumpServerId: null,
      scanIntervalMinutes: 15,
      createdAt: nowIso(),
      updatedAt: nowIso(),
    };
    await insertStoredServer(server);
    const back = await findStoredServerById(server.id);
    expect(back).toBeDefined();
    expect(Buffer.from(back?.sealedSecrets ?? [])).toEqual(Buffer.from(sealed));
    expect(back).toMatchObject({ port: 2222, useSudo: true, accountId: account.id, hostKeyFingerprint: null });
    const listed = (await listAccounts()).find((a) => a.id === account.id);
    expect(listed).toEqual({ ...account, servers: 1, people: 0 });
  });

  it("numbers login attempts in order and counts them as numbers", async () => {
    const email = `${newId("p").toLowerCase()}@example.com`;
    const since = new Date(Date.now() - 60_000).toISOString();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await recordAttempt(email, "10.0.0.1", nowIso()));
    expect(ids.every((id) => typeof id === "number")).toBe(true);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
    const last = ids[2];
    if (last === undefined) throw new Error("three attempts were recorded");
    await markAttemptOk(last);
    expect(await failuresSince({ email }, since)).toBe(2);
    expect(await failuresSince({ email, address: "10.0.0.2" }, since)).toBe(0);
    expect(await succeededFrom(email, "10.0.0.1", since)).toBe(true);
  });

  it("keeps the first of many values written to one name at once", async () => {
    const values = Array.from({ length: 20 }, (_, i) => `value-${i}`);
    const answers = await Promise.all(values.map((v) => writeMetaOnce("race-test", v)));
    const stored = await readMeta("race-test");
    expect(values).toContain(stored);
    expect(new Set(answers)).toEqual(new Set([stored]));
  });

  it("lists audit events newest first, ids breaking ties", async () => {
    const actor = { id: newId("usr"), email: "auditor@example.com" };
    const serverId = newId("srv");
    const written = [];
    for (let i = 0; i < 4; i++) written.push((await appendAudit({ actor, serverId, kind: "test", detail: { i }, result: "done", message: `event ${i}` })).id);
    const events = await listAuditEvents({ serverId, limit: 10 });
    expect(new Set(events.map((e) => e.id))).toEqual(new Set(written));
    for (let i = 1; i < events.length; i++) {
      const [newer, older] = [events[i - 1], events[i]];
      if (!newer || !older) continue;
      expect(newer.at > older.at || (newer.at === older.at && newer.id > older.id)).toBe(true);
    }
  });

  it("finds a session's user through the join, and not once it expired", async () => {
    const user = { id: newId("usr"), email: `${newId("s").toLowerCase()}@example.com`, role: "agent" as const, accountId: null, passwordHash: "x", createdAt: nowIso(), disabledAt: null };
    await insertUser(user);
    const now = nowIso();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const session = { id: newId("ses"), userId: user.id, createdAt: now, expiresAt: later, lastSeenAt: now, userAgent: "test", address: "127.0.0.1" };
    await insertSession({ ...session, tokenHash: "hash-1" });
    expect((await findSessionUser("hash-1", now))?.user).toEqual({ id: user.id, email: user.email, role: "agent", accountId: null });
    expect(await findSessionUser("hash-1", later)).toBeNull();
  });
});
