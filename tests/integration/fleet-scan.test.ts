import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import type { Account } from "@/lib/shared/people/types";
import type { FleetRow, FleetScan, FleetScanProgress, FleetScanResult } from "@/lib/shared/fleet/types";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { closedPort } from "@/tests/support/ports";
import { readEvents } from "@/tests/support/sse";

// A fleet scan over real lab servers where some are down, one is mute (its sshd stopped with
// SIGSTOP: it accepts TCP and never speaks) and one has a changed host key: the rest finish, each
// failure has its code, and results stream as they arrive.

const HOST_LIMIT_MS = 4000;

let app: AppServer;
let admin: ApiClient;
let leaky: LabServer;
let calm: LabServer;
let mute: LabServer;
let rekeyed: LabServer;
const servers: Record<string, Server> = {};

async function add(name: string, l: { host: string; port: number; privateKey: string; hostKeyFingerprint: string | null }, accountId?: string): Promise<Server> {
  const res = await admin.call<Server>("POST", "/api/servers", { name, host: l.host, port: l.port, username: "root", privateKey: l.privateKey, hostKeyFingerprint: l.hostKeyFingerprint, ...(accountId && { accountId }) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function sshdSessions(l: LabServer): Promise<number> {
  const { stdout } = await l.exec("ps -A -o args= | grep -c '^sshd: root@notty' || true");
  return Number(stdout.trim());
}

beforeAll(async () => {
  [app, leaky, calm, mute, rekeyed] = await Promise.all([
    startApp({ REAPER_FLEET_HOST_TIMEOUT_MS: String(HOST_LIMIT_MS), REAPER_SSH_CONNECT_TIMEOUT_MS: "3000" }),
    startLabServer({ name: "fleet-leaky", scenario: { parents: [{ comm: "php-fpm", zombies: 120 }] } }),
    startLabServer({ name: "fleet-calm", scenario: { parents: [{ comm: "httpd", zombies: 2 }] } }),
    startLabServer({ name: "fleet-mute" }),
    startLabServer({ name: "fleet-rekeyed" }),
  ]);
  admin = await ApiClient.login(app);
  servers.leaky = await add("leaky", leaky);
  servers.calm = await add("calm", calm);
  servers.mute = await add("mute", mute);
  servers.rekeyed = await add("rekeyed", rekeyed);
  const key = leaky.privateKey;
  servers.down1 = await add("down-1", { host: "127.0.0.1", port: await closedPort(), privateKey: key, hostKeyFingerprint: null });
  servers.down2 = await add("down-2", { host: "127.0.0.1", port: await closedPort(), privateKey: key, hostKeyFingerprint: null });
  await rekeyed.rotateHostKey();
  const stopped = await mute.exec("kill -STOP $(pgrep -o -x sshd) && echo stopped");
  expect(stopped.stdout.trim()).toBe("stopped");
}, 120_000);

afterAll(async () => {
  await mute?.exec("pkill -CONT -x sshd").catch(() => undefined);
  await Promise.all([app?.stop(), leaky?.stop(), calm?.stop(), mute?.stop(), rekeyed?.stop()]);
});

describe("a fleet scan with broken servers among good ones", () => {
  let id: string;
  let streamed: Awaited<ReturnType<typeof readEvents>>;
  let startedAt: number;

  beforeAll(async () => {
    startedAt = Date.now();
    const res = await admin.call<{ id: string }>("POST", "/api/fleet/scans", {});
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    id = res.body.id;
    streamed = await readEvents(app, `/api/fleet/scans/${id}/events`, admin.cookie!);
  }, 60_000);

  it("streams a snapshot, one result per server as it finishes, then done", () => {
    expect(streamed.status).toBe(200);
    expect(streamed.contentType).toMatch(/^text\/event-stream/);
    const names = streamed.events.map((e) => e.event);
    expect(names[0]).toBe("snapshot");
    expect(names.at(-1)).toBe("done");
    const snapshot = streamed.events[0]!.data as FleetScan;
    const early = snapshot.results.filter((r) => r.status !== "pending").map((r) => r.serverId);
    const results = streamed.events.filter((e) => e.event === "result").map((e) => (e.data as { result: FleetScanResult }).result);
    // Every server exactly once, between the snapshot and the stream.
    expect([...early, ...results.map((r) => r.serverId)].sort()).toEqual(Object.values(servers).map((s) => s.id).sort());
    expect(streamed.events.at(-1)!.data).toEqual({ total: 6, done: 6, failed: 4 });
    const last = streamed.events.filter((e) => e.event === "result").at(-1)!.data as { progress: FleetScanProgress };
    expect(last.progress).toEqual({ total: 6, done: 6, failed: 4 });
  });

  it("the good servers answer long before the mute one is given up", () => {
    const at = (serverId: string) => streamed.events.find((e) => e.event === "result" && (e.data as { result: FleetScanResult }).result.serverId === serverId)?.at ?? startedAt;
    expect(at(servers.leaky!.id)).toBeLessThan(at(servers.mute!.id));
    expect(at(servers.calm!.id)).toBeLessThan(at(servers.mute!.id));
    expect(at(servers.mute!.id) - startedAt).toBeGreaterThanOrEqual(HOST_LIMIT_MS - 1500);
  });

  it("answers after the fact with every result and its code", async () => {
    const res = await admin.call<FleetScan>("GET", `/api/fleet/scans/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: "done", total: 6, done: 6, failed: 4 });
    const by = Object.fromEntries(res.body.results.map((r) => [r.serverId, r]));
    expect(by[servers.leaky!.id]).toMatchObject({ status: "ok", summary: { zombies: 120 } });
    expect(by[servers.leaky!.id]!.scanId).toMatch(/^scn_/);
    expect(by[servers.calm!.id]).toMatchObject({ status: "ok", summary: { zombies: 2 } });
    expect(by[servers.mute!.id]!.error?.code).toBe("SSH_TIMEOUT");
    expect(by[servers.rekeyed!.id]!.error?.code).toBe("HOST_KEY_MISMATCH");
    expect(by[servers.down1!.id]!.error?.code).toBe("SSH_UNREACHABLE");
    expect(by[servers.down2!.id]!.error?.code).toBe("SSH_UNREACHABLE");
    for (const r of res.body.results.filter((x) => x.status === "error")) expect(r.error!.message.length).toBeGreaterThan(20);
    // The good scans are stored as any scan is, complete: a background scan waits for its details
    // step (ps and pstree) before it is recorded, so nothing of it is pending.
    const scan = await admin.call<Scan>("GET", `/api/scans/${by[servers.leaky!.id]!.scanId}`);
    expect(scan.status).toBe(200);
    expect(scan.body.summary.zombies).toBe(120);
    expect([scan.body.psPending, scan.body.pstreePending]).toEqual([undefined, undefined]);
    expect(scan.body.processes.filter((p) => p.user === "?")).toEqual([]);
  });

  it("the fleet lists the leaking server first, the failing ones with their codes, the calm one last", async () => {
    const res = await admin.call<{ servers: FleetRow[] }>("GET", "/api/fleet");
    expect(res.status).toBe(200);
    const rows = res.body.servers;
    expect(rows.map((r) => r.server.name)[0]).toBe("leaky");
    expect(rows[0]).toMatchObject({ risk: "at-risk", lastScan: { summary: { zombies: 120 } }, reachability: { ok: true, error: null, failuresInRow: 0 } });
    expect(rows[0]!.reasons.join(" ")).toMatch(/120 zombies/);
    expect(rows.at(-1)).toMatchObject({ risk: "healthy", server: { name: "calm" }, reasons: [] });
    const failing = rows.filter((r) => r.risk === "failing");
    expect(failing.map((r) => r.server.name).sort()).toEqual(["down-1", "down-2", "mute", "rekeyed"]);
    const code = (name: string) => rows.find((r) => r.server.name === name)?.reachability?.error?.code;
    expect([code("mute"), code("rekeyed"), code("down-1")]).toEqual(["SSH_TIMEOUT", "HOST_KEY_MISMATCH", "SSH_UNREACHABLE"]);
  });
});

describe("repeated and overlapping fleet scans", () => {
  it("reuse the pooled connection: a second scan opens no new SSH session", async () => {
    const before = await sshdSessions(calm);
    const res = await admin.call<{ id: string }>("POST", "/api/fleet/scans", { serverIds: [servers.calm!.id, servers.leaky!.id] });
    expect(res.status).toBe(202);
    const { events } = await readEvents(app, `/api/fleet/scans/${res.body.id}/events`, admin.cookie!);
    expect(events.at(-1)).toMatchObject({ event: "done", data: { total: 2, done: 2, failed: 0 } });
    expect(before).toBe(1);
    expect(await sshdSessions(calm)).toBe(1);
  });

  it("never scan one server twice at once: overlapping requests share its scans", async () => {
    const history = async () => (await admin.call<{ scans: unknown[] }>("GET", `/api/servers/${servers.calm!.id}/scans?limit=200`)).body.scans.length;
    const before = await history();
    const posts = await Promise.all([1, 2, 3].map(() => admin.call<{ id: string }>("POST", "/api/fleet/scans", { serverIds: [servers.calm!.id] })));
    expect(posts.map((p) => p.status)).toEqual([202, 202, 202]);
    for (const p of posts) {
      const { events } = await readEvents(app, `/api/fleet/scans/${p.body.id}/events`, admin.cookie!);
      expect(events.at(-1)).toMatchObject({ event: "done", data: { total: 1, done: 1, failed: 0 } });
    }
    // One running and at most one waiting: three requests made at most two scans.
    const made = (await history()) - before;
    expect(made).toBeGreaterThanOrEqual(1);
    expect(made).toBeLessThanOrEqual(2);
  });

  it("holds a person to three unfinished fleet scans, however many arrive at once", async () => {
    const posts = await Promise.all(Array.from({ length: 6 }, () => admin.call<{ id: string; error?: { code: string; message: string } }>("POST", "/api/fleet/scans", { serverIds: [servers.mute!.id] })));
    const statuses = posts.map((p) => p.status).sort();
    expect(statuses).toEqual([202, 202, 202, 429, 429, 429]);
    const refused = posts.find((p) => p.status === 429)!;
    expect(refused.body.error?.code).toBe("RATE_LIMITED");
    expect(refused.headers.get("retry-after")).toBeTruthy();
    for (const p of posts.filter((x) => x.status === 202)) {
      const { events } = await readEvents(app, `/api/fleet/scans/${p.body.id}/events`, admin.cookie!);
      expect(events.at(-1)).toMatchObject({ event: "done", data: { total: 1, done: 1, failed: 1 } });
    }
  }, 60_000);
});

describe("bad input and tenancy", () => {
  let customer: ApiClient;
  let ownServer: Server;

  beforeAll(async () => {
    const account = (await admin.call<Account>("POST", "/api/accounts", { name: `Fleet customer ${Date.now()}` })).body;
    const creds = { email: `fleet-${Date.now()}@customer.test`, password: "customer-password-1" };
    expect((await admin.call("POST", "/api/users", { ...creds, role: "customer", accountId: account.id })).status).toBe(201);
    ownServer = await add("customer-own", calm, account.id);
    customer = await ApiClient.login(app, creds);
  });

  it("refuses bad bodies with the field named, never a 500", async () => {
    for (const body of [{ serverIds: "all" }, { serverIds: [] }, { serverIds: ["bad id;rm"] }, { serverIds: [7] }]) {
      const res = await admin.call<{ error: { code: string; message: string } }>("POST", "/api/fleet/scans", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION");
      expect(res.body.error.message).toMatch(/^serverIds/);
    }
    expect((await admin.call("POST", "/api/fleet/scans", "{nope")).status).toBe(400);
  });

  it("a customer sees and scans only their own servers; another's scan and server are 404", async () => {
    const fleet = await customer.call<{ servers: FleetRow[] }>("GET", "/api/fleet");
    expect(fleet.body.servers.map((r) => r.server.id)).toEqual([ownServer.id]);
    const foreign = await customer.call<{ error: { code: string } }>("POST", "/api/fleet/scans", { serverIds: [servers.calm!.id] });
    expect(foreign.status).toBe(404);
    const adminScan = await admin.call<{ id: string }>("POST", "/api/fleet/scans", { serverIds: [servers.calm!.id] });
    expect((await customer.call("GET", `/api/fleet/scans/${adminScan.body.id}`)).status).toBe(404);
    expect((await readEvents(app, `/api/fleet/scans/${adminScan.body.id}/events`, customer.cookie!)).status).toBe(404);
    const own = await customer.call<{ id: string }>("POST", "/api/fleet/scans", {});
    expect(own.status).toBe(202);
    const { events } = await readEvents(app, `/api/fleet/scans/${own.body.id}/events`, customer.cookie!);
    expect(events.at(-1)).toMatchObject({ event: "done", data: { total: 1, done: 1, failed: 0 } });
    expect((await ApiClient.anonymous(app).call("GET", "/api/fleet")).status).toBe(401);
  });
});
