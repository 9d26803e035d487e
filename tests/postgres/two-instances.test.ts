import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import { databaseOn } from "@/lab/postgres";
import { namespaceProcesses, zombieCounts } from "@/lab/proc-scan";
import type { Action } from "@/lib/shared/actions/types";
import type { User } from "@/lib/shared/auth/types";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";

// Two app processes on one PostgreSQL database, as behind a load balancer: whatever one of them
// was told, the other knows, and a request sent to both at once is decided once.
let one: AppServer;
let two: AppServer;
let lab: LabServer;

beforeAll(async () => {
  const shared = { DATABASE_URL: await databaseOn(inject("postgresUrl"), "reaper_two_instances"), REAPER_SECRET_KEY: randomBytes(32).toString("base64") };
  // Started together on an empty database: migrations and the first admin must not race.
  [one, two, lab] = await Promise.all([
    startApp(shared),
    startApp(shared),
    startLabServer({ name: "two-instances", scenario: { parents: [{ comm: "counter", zombies: 5, onSigchld: "reap-one" }] } }),
  ]);
});
afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop(), lab?.stop()]);
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
    expect(read.body).toEqual(scan.body);
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
