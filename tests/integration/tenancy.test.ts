import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import { namespaceProcesses } from "@/lab/proc-scan";
import type { Action } from "@/lib/shared/actions/types";
import type { NewToken } from "@/lib/shared/auth/types";
import type { AuditEvent } from "@/lib/shared/audit/types";
import type { Scan, ScanListItem } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { buildWorld, type World } from "@/tests/support/world";

// Tenancy against a real lab server: account A's customer scans, reaps and restarts the leaking
// program on its own server; account B's customer gets 404 for every one of A's things, and sees
// none of them in any list.
type ErrorBody = { error: { code: string; message: string } };

let app: AppServer;
let lab: LabServer;
let w: World;
let a: ApiClient;
let b: ApiClient;

beforeAll(async () => {
  [app, lab] = await Promise.all([
    startApp(),
    startLabServer({ name: "tenancy", scenario: { parents: [{ comm: "php-fpm", zombies: 4 }, { comm: "reaps-ok", zombies: 3, onSigchld: "reap" }] } }),
  ]);
  w = await buildWorld(app, lab);
  a = w.clients.customer;
  b = w.clients.otherCustomer;
}, 120_000);
afterAll(async () => {
  await Promise.all([app?.stop(), lab?.stop()]);
});

const scan = async (client: ApiClient, serverId: string) => {
  const res = await client.call<Scan>("POST", `/api/servers/${serverId}/scans`);
  expect(res.status).toBe(201);
  return res.body;
};
const act = (client: ApiClient, serverId: string, body: Record<string, unknown>) => client.call<Action & ErrorBody>("POST", `/api/servers/${serverId}/actions`, body);

describe("a customer's own server", () => {
  it("is listed, scanned, reaped and its leaking program restarted (terminate after typing the PID)", async () => {
    expect((await a.call<{ servers: Server[] }>("GET", "/api/servers")).body.servers.map((s) => s.id)).toEqual([w.serverA.id]);
    const s = await scan(a, w.serverA.id);
    const reaps = s.parents.find((p) => p.comm === "reaps-ok");
    const fpm = s.parents.find((p) => p.comm === "php-fpm");
    if (!reaps || !fpm) throw new Error("the lab's parents are missing from the scan");

    const reaped = await act(a, w.serverA.id, { action: "reap", pid: reaps.pid, startTime: reaps.startTime });
    expect(reaped.status).toBe(200);
    expect(reaped.body).toMatchObject({ before: { zombies: 3 }, after: { zombies: 0, parentAlive: true } });

    const restarted = await act(a, w.serverA.id, { action: "terminate", pid: fpm.pid, startTime: fpm.startTime, confirm: String(fpm.pid) });
    expect(restarted.status).toBe(200);
    expect(restarted.body).toMatchObject({ action: "terminate", before: { zombies: 4 }, after: { zombies: 0, parentAlive: false } });
    const procs = await namespaceProcesses(lab.initPid);
    expect(procs.find((p) => p.pid === fpm.pid)).toBeUndefined();
    expect(procs.filter((p) => p.state === "Z")).toHaveLength(0);
  });
});

describe("another account's customer", () => {
  it("gets 404 NOT_FOUND for every one of A's things, by id", async () => {
    const tries: [string, string, unknown?][] = [
      ["GET", `/api/servers/${w.serverA.id}`],
      ["PATCH", `/api/servers/${w.serverA.id}`, { name: "mine" }],
      ["DELETE", `/api/servers/${w.serverA.id}`],
      ["POST", `/api/servers/${w.serverA.id}/host-key`, { fingerprint: lab.hostKeyFingerprint }],
      ["GET", `/api/servers/${w.serverA.id}/scans`],
      ["POST", `/api/servers/${w.serverA.id}/scans`],
      ["POST", `/api/servers/${w.serverA.id}/actions`, { action: "reap", pid: 10, startTime: 1 }],
      ["GET", `/api/scans/${w.scanA.id}`],
    ];
    for (const [method, url, body] of tries) {
      const res = await b.call<ErrorBody>(method, url, body);
      expect([res.status, res.body.error.code], `${method} ${url}`).toEqual([404, "NOT_FOUND"]);
    }
    // The same answer as for an id that does not exist at all: nothing to probe.
    const missing = await b.call<ErrorBody>("GET", "/api/servers/srv_does_not_exist");
    const hidden = await b.call<ErrorBody>("GET", `/api/servers/${w.serverA.id}`);
    expect(hidden.body).toEqual(missing.body);
  });

  it("sees none of A's servers, scans or audit events in any list", async () => {
    const servers = (await b.call<{ servers: Server[] }>("GET", "/api/servers")).body.servers.map((s) => s.id);
    expect(servers).toEqual([w.serverB.id]);
    const filtered = await b.call<{ events: AuditEvent[] }>("GET", `/api/audit?serverId=${w.serverA.id}`);
    expect([filtered.status, filtered.body.events]).toEqual([200, []]);
    const all = (await b.call<{ events: AuditEvent[] }>("GET", "/api/audit?limit=500")).body.events;
    expect(all.every((e) => e.serverId === w.serverB.id)).toBe(true);
    expect(JSON.stringify(all)).not.toContain(w.serverA.id);
  });

  it("A's customer sees what happened on A's server, including B's refused attempt, but not who B is probing elsewhere", async () => {
    const events = (await a.call<{ events: AuditEvent[] }>("GET", "/api/audit?limit=500")).body.events;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.serverId === w.serverA.id)).toBe(true);
    expect(events.some((e) => e.kind === "action" && e.action === "terminate" && e.result === "done" && e.actor.email === w.people.customer.email)).toBe(true);
    // B's attempts name no server: they are recorded for staff without A's id.
    const staff = (await w.clients.admin.call<{ events: AuditEvent[] }>("GET", "/api/audit?limit=500")).body.events;
    const bTries = staff.filter((e) => e.actor.email === w.people.otherCustomer.email && e.result === "refused");
    expect(bTries.length).toBeGreaterThanOrEqual(3);
    expect(bTries.every((e) => e.serverId === null && e.code === "NOT_FOUND")).toBe(true);
  });
});

describe("a customer's API token", () => {
  it("acts as the customer: scans its own server, finds nothing else, changes nothing", async () => {
    const { token } = (await a.call<NewToken>("POST", "/api/tokens", { name: "monitoring" })).body;
    const bot = ApiClient.bearer(app, token);
    expect((await bot.call<Scan>("POST", `/api/servers/${w.serverA.id}/scans`)).status).toBe(201);
    expect((await bot.call<{ scans: ScanListItem[] }>("GET", `/api/servers/${w.serverA.id}/scans`)).body.scans.length).toBeGreaterThanOrEqual(2);
    expect((await bot.call("GET", `/api/servers/${w.serverB.id}`)).status).toBe(404);
    expect((await bot.call("POST", `/api/servers/${w.serverB.id}/scans`)).status).toBe(404);
    expect((await bot.call("DELETE", `/api/servers/${w.serverA.id}`)).status).toBe(403);
    expect((await bot.call("POST", `/api/servers/${w.serverA.id}/actions`, { action: "kill", pid: 10, startTime: 1, confirm: 10, reason: "x" })).status).toBe(403);
  });
});
