import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import { databaseOn } from "@/lab/postgres";
import { namespaceProcesses, zombieCounts } from "@/lab/proc-scan";
import type { Action } from "@/lib/shared/actions/types";
import type { User } from "@/lib/shared/auth/types";
import type { FleetScan, FleetScanResult } from "@/lib/shared/fleet/types";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { readEvents } from "@/tests/support/sse";
import { settledScan } from "@/tests/lab/scan-through-app";

// Two app processes on one PostgreSQL database, as behind a load balancer: whatever one of them
// was told, the other knows, and a request sent to both at once is decided once.
let one: AppServer;
let two: AppServer;
let lab: LabServer;
/** Servers whose `ps` takes a while, so a fleet scan of them is still running when a test acts. */
let slow: LabServer[];
let databaseUrl: string;

const FLEET_SERVERS = 6;
// Per-host limit 6 s with a 2 s connect limit: a scan job expires (its instance taken for dead)
// after 2 + 2 * 6 + 15 s (lib/server/fleet/scan-job.ts).
const FLEET_ENV = { REAPER_FLEET_HOST_TIMEOUT_MS: "6000", REAPER_SSH_CONNECT_TIMEOUT_MS: "2000" };

beforeAll(async () => {
  databaseUrl = await databaseOn(inject("postgresUrl"), "reaper_two_instances");
  const shared = { DATABASE_URL: databaseUrl, REAPER_SECRET_KEY: randomBytes(32).toString("base64"), ...FLEET_ENV };
  // Started together on an empty database: migrations and the first admin must not race.
  [one, two, lab, slow] = await Promise.all([
    startApp(shared),
    startApp(shared),
    startLabServer({ name: "two-instances", scenario: { parents: [{ comm: "counter", zombies: 5, onSigchld: "reap-one" }] } }),
    Promise.all(
      Array.from({ length: FLEET_SERVERS }, (_, i) =>
        startLabServer({ name: `two-fleet-${i + 1}`, scenario: { parents: [{ comm: "httpd", zombies: i + 1 }] }, standIns: { ps: 'sleep 1.5\nexec /usr/bin/ps "$@"' } }),
      ),
    ),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop(), lab?.stop(), ...(slow ?? []).map((s) => s.stop())]);
});

/** A client of `app` that carries the session cookie another client got from a login elsewhere. */
const withCookieOf = (app: AppServer, client: ApiClient) => new ApiClient(app, { cookie: client.cookie ?? "" });

describe("two instances on one PostgreSQL database", () => {
  it("start together: both healthy, one first admin", async () => {
    for (const app of [one, two]) {
      const health = await ApiClient.anonymous(app).call("GET", "/api/health");
      expect([health.status, health.body]).toEqual([200, { ok: true }]);
    }
    const users = await (await ApiClient.login(one)).call<{ users: User[] }>("GET", "/api/users");
    expect(users.body.users.filter((u) => u.role === "admin")).toHaveLength(1);
  });

  it("a login on one is a session on the other, and a logout on the other ends it", async () => {
    const onOne = await ApiClient.login(one);
    const onTwo = withCookieOf(two, onOne);
    const me = await onTwo.call<{ user: User }>("GET", "/api/me");
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe((await onOne.call<{ user: User }>("GET", "/api/me")).body.user.email);
    expect((await onTwo.call("POST", "/api/auth/logout")).status).toBe(204);
    expect((await onOne.call("GET", "/api/me")).status).toBe(401);
  });

  it("a server added and scanned on one is read on the other", async () => {
    const onOne = await ApiClient.login(one);
    const onTwo = withCookieOf(two, onOne);
    const added = await onOne.call<Server>("POST", "/api/servers", { name: lab.name, host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey });
    expect(added.status).toBe(201);
    const scan = await onOne.call<Scan>("POST", `/api/servers/${added.body.id}/scans`);
    expect(scan.status).toBe(201);
    const read = await onTwo.call<Scan>("GET", `/api/scans/${scan.body.id}`);
    expect(read.status).toBe(200);
    // The picture the scan took; its details step (ps, pstree) may land before or after this read,
    // filling in users and command lines, so processes are compared by PID here.
    const { id, serverId, startedAt, summary } = scan.body;
    expect(read.body).toMatchObject({ id, serverId, startedAt, summary });
    const pids = (s: Scan) => [s.processes.map((p) => p.pid), s.zombies.map((z) => z.pid)];
    expect(pids(read.body)).toEqual(pids(scan.body));
    // Once the step has landed, both instances read the same scan.
    const settled = await settledScan(onTwo, read.body);
    expect((await onOne.call<Scan>("GET", `/api/scans/${id}`)).body).toEqual(settled);
    const listed = (await onTwo.call<{ servers: Server[] }>("GET", "/api/servers")).body.servers.find((s) => s.id === added.body.id);
    expect(listed?.lastScan?.id).toBe(scan.body.id);
    // The other instance can use the credentials the first one sealed: same key, same store.
    expect((await onTwo.call<Scan>("POST", `/api/servers/${added.body.id}/scans`)).status).toBe(201);
  });

  it("the same action sent to both at once signals once", async () => {
    const onOne = await ApiClient.login(one);
    const onTwo = withCookieOf(two, onOne);
    const server = (await onOne.call<{ servers: Server[] }>("GET", "/api/servers")).body.servers.find((s) => s.name === lab.name);
    if (!server) throw new Error("the lab server was not added");
    const scan = await onOne.call<Scan>("POST", `/api/servers/${server.id}/scans`);
    const parent = scan.body.processes.find((p) => p.comm === "counter" && !p.state.startsWith("Z"));
    if (!parent) throw new Error("no counter process on the lab server");
    const body = { action: "reap", pid: parent.pid, startTime: parent.startTime };
    const path = `/api/servers/${server.id}/actions`;
    const [a, b] = await Promise.all([onOne.call<Action>("POST", path, body), onTwo.call<Action>("POST", path, body)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.id).toBe(b.body.id);
    expect([a.body.replayed, b.body.replayed].sort()).toEqual([false, true]);
    // "counter" reaps one zombie per SIGCHLD it receives: the zombies left count the signals.
    const procs = await namespaceProcesses(lab.initPid);
    expect(zombieCounts(procs).get(parent.pid)).toBe(4);
  });
});

describe("a fleet scan across two instances", () => {
  let fleet: Server[];

  beforeAll(async () => {
    const admin = await ApiClient.login(one);
    fleet = [];
    for (const l of slow) {
      const added = await admin.call<Server>("POST", "/api/servers", { name: l.name, host: l.host, port: l.port, username: l.username, privateKey: l.privateKey, hostKeyFingerprint: l.hostKeyFingerprint });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      fleet.push(added.body);
    }
  });

  /** Every server of the fleet with its result in the stream: the snapshot's finished ones, then each `result`. */
  const streamedResults = (events: Awaited<ReturnType<typeof readEvents>>["events"]) => {
    const snapshot = events[0]!.data as FleetScan;
    return [
      ...snapshot.results.filter((r) => r.status !== "pending"),
      ...events.filter((e) => e.event === "result").map((e) => (e.data as { result: FleetScanResult }).result),
    ];
  };

  // FLEET_ENV's per-host limit is short (for the crash test below): on a loaded machine a scan may
  // overrun it, which must then show as that server's SSH_TIMEOUT, never as anything else.
  const failuresOtherThanOverrun = (results: FleetScanResult[]) => results.filter((r) => r.status !== "ok" && r.error?.code !== "SSH_TIMEOUT");

  it("started on one, followed to the end on the other's event stream", async () => {
    const onOne = await ApiClient.login(one);
    const started = await onOne.call<{ id: string }>("POST", "/api/fleet/scans", { serverIds: fleet.map((s) => s.id) });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    // The other instance serves the stream: it sees the results the jobs write, whichever instance runs them.
    const { status, events } = await readEvents(two, `/api/fleet/scans/${started.body.id}/events`, onOne.cookie!, "done", 90_000);
    expect(status).toBe(200);
    expect(events[0]?.event).toBe("snapshot");
    const results = streamedResults(events);
    expect(results.map((r) => r.serverId).sort()).toEqual(fleet.map((s) => s.id).sort());
    const failed = results.filter((r) => r.status !== "ok");
    expect(failuresOtherThanOverrun(failed)).toEqual([]);
    expect(events.at(-1)).toEqual(expect.objectContaining({ event: "done", data: { total: FLEET_SERVERS, done: FLEET_SERVERS, failed: failed.length } }));
    // And both instances answer the same scan the same way afterwards.
    const [a, b] = await Promise.all([one, two].map((app) => withCookieOf(app, onOne).call<FleetScan>("GET", `/api/fleet/scans/${started.body.id}`)));
    expect(a!.body).toEqual(b!.body);
    expect(a!.body).toMatchObject({ status: "done", done: FLEET_SERVERS, failed: failed.length });
  }, 120_000);

  // Last in this file: it kills instance one.
  it("an instance killed mid fleet scan: the other finishes it, running again the scans the dead one held", async () => {
    const onOne = await ApiClient.login(one);
    const started = await onOne.call<{ id: string }>("POST", "/api/fleet/scans", { serverIds: fleet.map((s) => s.id) });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const onTwo = withCookieOf(two, onOne);
    const following = readEvents(two, `/api/fleet/scans/${started.body.id}/events`, onOne.cookie!, "done", 110_000);
    // One took the jobs it was sent (its queue wakes at once; two's polls each second) and its scans
    // take 1.5 s: kill it while they run, before it records anything.
    await new Promise((r) => setTimeout(r, 500));
    process.kill(one.pid, "SIGKILL");
    const { events } = await following;
    expect(events.at(-1)).toEqual(expect.objectContaining({ event: "done", data: expect.objectContaining({ total: FLEET_SERVERS, done: FLEET_SERVERS }) }));
    const scan = await onTwo.call<FleetScan>("GET", `/api/fleet/scans/${started.body.id}`);
    expect(scan.body.status).toBe("done");
    // Every server got a result; the held ones after their expiry, scanned again by instance two.
    expect(scan.body.results.filter((r) => r.status === "pending")).toEqual([]);
    expect(failuresOtherThanOverrun(scan.body.results)).toEqual([]);
    expect(scan.body.results.filter((r) => r.status === "ok").length).toBeGreaterThan(0);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ n: string }>("select count(*) as n from pgboss.job where name = 'fleet.scan-server' and retry_count > 0 and state = 'completed'");
      expect(Number(rows[0]?.n)).toBeGreaterThan(0);
    } finally {
      await db.end();
    }
  }, 150_000);
});
