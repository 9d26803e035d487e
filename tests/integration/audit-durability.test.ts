// The audit log and the store under the worst a host does to them: the store locked (another writer
// holds it past the busy timeout) after a signal went out, and the app killed with SIGKILL while
// answering writes. Nothing answered may be lost, and the caller hears the truth.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import { waitFor } from "@/lab/run";
import type { Action } from "@/lib/shared/actions/types";
import type { AuditEvent } from "@/lib/shared/audit/types";
import type { Account } from "@/lib/shared/people/types";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";

let lab: LabServer;

beforeAll(async () => {
  lab = await startLabServer({ name: "audit-durability", scenario: { parents: [{ comm: "reaps-ok", zombies: 2, onSigchld: "reap" }, { comm: "httpd", zombies: 2 }] } });
});
afterAll(async () => {
  await lab?.stop();
});

const storeOf = (app: AppServer) => path.join(app.dataDir, "reaper.sqlite");
const outboxOf = (app: AppServer) => path.join(app.dataDir, "audit-outbox.jsonl");

/** Another writer holding the store's write lock, as a backup job or a second tool might. */
function lockStore(app: AppServer): { release: () => void } {
  const db = new Database(storeOf(app));
  db.exec("BEGIN IMMEDIATE");
  return {
    release: () => {
      db.exec("COMMIT");
      db.close();
    },
  };
}

async function setUp(app: AppServer): Promise<{ api: ApiClient; server: Server; parent: (comm: string) => Promise<{ pid: number; startTime: number }> }> {
  const api = await ApiClient.login(app);
  const res = await api.call<Server>("POST", "/api/servers", { name: "durability", host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey, hostKeyFingerprint: lab.hostKeyFingerprint });
  expect(res.status).toBe(201);
  const server = res.body;
  const parent = async (comm: string) => {
    const s = await api.call<Scan>("POST", `/api/servers/${server.id}/scans`);
    expect(s.status).toBe(201);
    const p = s.body.processes.find((x) => x.comm === comm && !x.state.startsWith("Z"));
    if (!p) throw new Error(`no ${comm}`);
    return p;
  };
  return { api, server, parent };
}

async function auditEvent(api: ApiClient, id: string): Promise<AuditEvent | undefined> {
  const res = await api.call<{ events: AuditEvent[] }>("GET", "/api/audit?limit=500");
  expect(res.status).toBe(200);
  return res.body.events.find((e) => e.id === id);
}

describe("the audit write fails after the signal went out (store locked)", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("the answer says the signal was sent and the audit write failed; the event is retried, not dropped", async () => {
    const { api, server, parent } = await setUp(app);
    const p = await parent("reaps-ok");
    const lock = lockStore(app);
    let res;
    try {
      res = await api.call<Action>("POST", `/api/servers/${server.id}/actions`, { action: "reap", pid: p.pid, startTime: p.startTime });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: "done", auditPending: true, after: { zombies: 0 } });
      expect(res.body.message).toMatch(/SIGCHLD was sent, but the audit log could not be written just now: the event is kept/);
      expect(fs.readFileSync(outboxOf(app), "utf8")).toContain(res.body.id);
      expect(await auditEvent(api, res.body.id)).toBeUndefined();
    } finally {
      lock.release();
    }
    const id = res.body.id;
    const written = await waitFor(async () => auditEvent(api, id), 20_000, async () => "the kept event never reached the audit log");
    expect(written).toMatchObject({ kind: "action", action: "reap", pid: p.pid, result: "done" });
    await waitFor(async () => (fs.existsSync(outboxOf(app)) ? undefined : true), 10_000, async () => "the outbox was not emptied");
  });
});

describe("the app killed with SIGKILL", () => {
  it("with an event waiting in the outbox: the next start writes it", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "reaper-crash-"));
    const app = await startApp({}, { dataDir });
    let restarted: AppServer | undefined;
    try {
      const { api, server, parent } = await setUp(app);
      const p = await parent("httpd");
      const lock = lockStore(app);
      let id: string;
      try {
        const res = await api.call<Action>("POST", `/api/servers/${server.id}/actions`, { action: "reap", pid: p.pid, startTime: p.startTime });
        expect(res.body.auditPending).toBe(true);
        id = res.body.id;
        process.kill(app.pid, "SIGKILL");
      } finally {
        lock.release();
      }
      await app.stop();
      restarted = await startApp({}, { dataDir });
      const again = await ApiClient.login(restarted);
      expect(await auditEvent(again, id)).toMatchObject({ kind: "action", action: "reap", result: "done" });
      expect(fs.existsSync(path.join(dataDir, "audit-outbox.jsonl"))).toBe(false);
    } finally {
      await restarted?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it("during a stream of writes: on restart the store is intact and every answered write and its audit event are there", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "reaper-crash-"));
    const app = await startApp({}, { dataDir });
    let restarted: AppServer | undefined;
    try {
      const api = await ApiClient.login(app);
      const answered: Account[] = [];
      let killed = false;
      let n = 0;
      // Eight writers at once until the kill; a request cut off by it has no answer and proves nothing.
      const writer = async () => {
        while (!killed) {
          const name = `crash-${(n += 1)}`;
          const res = await api.call<Account>("POST", "/api/accounts", { name }).catch(() => null);
          if (res?.status === 201) answered.push(res.body);
        }
      };
      const writers = Array.from({ length: 8 }, writer);
      await waitFor(async () => (answered.length >= 40 ? true : undefined), 60_000, async () => `only ${answered.length} writes answered`);
      process.kill(app.pid, "SIGKILL");
      killed = true;
      await Promise.all(writers);
      await app.stop();

      const db = new Database(path.join(dataDir, "reaper.sqlite"), { readonly: true });
      try {
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      } finally {
        db.close();
      }
      restarted = await startApp({}, { dataDir });
      const again = await ApiClient.login(restarted);
      const { body } = await again.call<{ accounts: Account[] }>("GET", "/api/accounts");
      const stored = new Set(body.accounts.map((a) => a.id));
      expect(answered.filter((a) => !stored.has(a.id))).toEqual([]);
      const events = (await again.call<{ events: AuditEvent[] }>("GET", "/api/audit?limit=500")).body.events;
      const audited = new Set(events.filter((e) => e.kind === "account").map((e) => e.message));
      expect(answered.filter((a) => !audited.has(`created account ${a.name}`))).toEqual([]);
    } finally {
      await restarted?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
