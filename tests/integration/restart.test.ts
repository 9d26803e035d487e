import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import { namespaceProcesses, zombieCounts } from "@/lab/proc-scan";
import type { Action } from "@/lib/shared/actions/types";
import type { ServiceUnit } from "@/lib/shared/actions/service-unit";
import type { AuditEvent } from "@/lib/shared/audit/types";
import type { Parent, Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { createCustomer, CUSTOMER } from "@/tests/support/customer";

// Restart service through the built app against lab servers whose zombie parents are the main
// processes of systemd-like units, restarted by the lab's stand-in systemctl (systemd does not run
// in the lab's namespaces): it really stops every process of the unit's cgroup and starts it again.
type ErrorBody = { error: { code: string; message: string; field?: string; via?: string } };
type Answer = Action & ErrorBody;

let app: AppServer;
let admin: ApiClient;
let customer: ApiClient;
let main: LabServer; // tini as PID 1, passwordless sudo
let bare: LabServer; // PID 1 never reaps
let mainServer: Server;
let bareServer: Server;

const UNIT_FPM = { name: "php-fpm.service", description: "The PHP 8.2 FastCGI Process Manager", parent: { comm: "php-fpm", zombies: 4, liveChildren: 2 } };

beforeAll(async () => {
  [app, main, bare] = await Promise.all([
    startApp(),
    startLabServer({
      name: "restart-main",
      sudo: "passwordless",
      scenario: {
        units: [UNIT_FPM, { name: "queue@default.service", description: "Queue worker (default)", parent: { comm: "queue-worker", zombies: 3 } }],
        parents: [{ comm: "loose", zombies: 2 }],
      },
    }),
    startLabServer({ name: "restart-bare", init: "non-reaping", scenario: { units: [{ name: "app.service", description: "The app", parent: { comm: "app", zombies: 3 } }] } }),
  ]);
  admin = await ApiClient.login(app);
  const accountId = await createCustomer(admin);
  customer = await ApiClient.login(app, CUSTOMER);
  const add = async (l: LabServer, over: Record<string, unknown> = {}) =>
    (await admin.call<Server>("POST", "/api/servers", { name: l.name, host: l.host, port: l.port, username: l.username, privateKey: l.privateKey, ...over })).body;
  mainServer = await add(main, { accountId });
  bareServer = await add(bare);
});
afterAll(async () => {
  await Promise.all([app?.stop(), main?.stop(), bare?.stop()]);
});

async function scan(serverId: string, client = admin): Promise<Scan> {
  const res = await client.call<Scan>("POST", `/api/servers/${serverId}/scans`);
  expect(res.status).toBe(201);
  return res.body;
}

async function parentNamed(serverId: string, comm: string): Promise<Parent> {
  const p = (await scan(serverId)).parents.find((x) => x.comm === comm);
  if (!p) throw new Error(`no zombie parent ${comm}`);
  return p;
}

const act = (serverId: string, body: Record<string, unknown>, client = admin) => client.call<Answer>("POST", `/api/servers/${serverId}/actions`, body);
const restartBody = (p: Parent, unit: string) => ({ action: "restart", pid: p.pid, startTime: p.startTime, confirm: p.pid, unit });

/** Straight from the namespace's /proc and the unit's cgroup, not through Reaper: the ground truth. */
async function truth(l: LabServer, comm: string) {
  const procs = await namespaceProcesses(l.initPid);
  const counts = zombieCounts(procs);
  const live = procs.filter((p) => p.comm === comm && p.state !== "Z" && p.ppid === 1);
  /** Zombies PID 1 holds other than `except` (a parent that ended under a PID 1 that does not reap is one itself). */
  const pid1ZombiesBut = (except: number) => procs.filter((p) => p.ppid === 1 && p.state === "Z" && p.pid !== except).length;
  return { live: live.map((p) => p.pid), zombiesOf: (pid: number) => counts.get(pid) ?? 0, pid1ZombiesBut, all: procs };
}

async function cgroupOf(l: LabServer, pid: number): Promise<string> {
  return (await l.exec(`cat /proc/${pid}/cgroup`)).stdout;
}

describe("the scan and the unit look", () => {
  it("the scan finds the parent's systemd unit and names the lasting fix", async () => {
    const s = await scan(mainServer.id);
    const fpm = s.parents.find((p) => p.comm === "php-fpm");
    expect(fpm?.service).toMatchObject({ kind: "systemd", name: "php-fpm.service" });
    expect(s.triage?.parents.find((d) => d.pid === fpm?.pid)?.lastingFix).toMatchObject({ id: "php-fpm", doc: "/fixes#php-fpm" });
  });

  it("GET /unit reads the unit from the server: description, state, main PID and every process it stops", async () => {
    const p = await parentNamed(mainServer.id, "php-fpm");
    const res = await admin.call<ServiceUnit>("GET", `/api/servers/${mainServer.id}/unit?pid=${p.pid}&startTime=${p.startTime}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ unit: "php-fpm.service", restartable: true, reason: null, description: UNIT_FPM.description, activeState: "active", mainPid: p.pid, processCount: 3 });
    expect(res.body.processes.map((x) => x.ppid).sort()).toEqual([1, p.pid, p.pid]);
  });

  it("GET /unit says why a process in no service cannot be restarted, and refuses a reused PID", async () => {
    const loose = await parentNamed(mainServer.id, "loose");
    const none = await admin.call<ServiceUnit>("GET", `/api/servers/${mainServer.id}/unit?pid=${loose.pid}&startTime=${loose.startTime}`);
    expect(none.body).toMatchObject({ unit: null, restartable: false, reason: expect.stringMatching(/^loose \(\d+\) is not in a systemd service/) });
    const changed = await admin.call<ErrorBody>("GET", `/api/servers/${mainServer.id}/unit?pid=${loose.pid}&startTime=${loose.startTime + 1}`);
    expect([changed.status, changed.body.error.code]).toEqual([409, "PROCESS_CHANGED"]);
    const bad = await admin.call<ErrorBody>("GET", `/api/servers/${mainServer.id}/unit?pid=abc&startTime=1`);
    expect([bad.status, bad.body.error.code, bad.body.error.message]).toEqual([400, "VALIDATION", expect.stringMatching(/^pid:/)]);
  });
});

describe("refusals: nothing is restarted", () => {
  it.each([
    ["no unit", { unit: undefined }, 400, "VALIDATION", /^unit: is required for restart/],
    ["a unit name with shell text", { unit: "php-fpm.service; reboot" }, 400, "VALIDATION", /^unit: holds characters systemd does not allow/],
    ["a scope", { unit: "session-1.scope" }, 400, "VALIDATION", /^unit: is a \.scope unit/],
    ["no typed PID", { confirm: undefined }, 400, "CONFIRMATION_REQUIRED", /type the PID/],
    ["another unit than the one that owns it", { unit: "nginx.service" }, 409, "PROCESS_CHANGED", /no longer part of nginx\.service \(the server now puts it in php-fpm\.service\)/],
  ])("%s → %s %s", async (_, over, status, code, message) => {
    const p = await parentNamed(mainServer.id, "php-fpm");
    const res = await act(mainServer.id, { ...restartBody(p, "php-fpm.service"), ...over });
    expect([res.status, res.body.error?.code]).toEqual([status, code]);
    expect(res.body.error.message).toMatch(message);
    const t = await truth(main, "php-fpm");
    expect(t.live).toEqual([p.pid]);
    expect(t.zombiesOf(p.pid)).toBe(4);
  });

  it("a process in no service: 409 NOT_RESTARTABLE", async () => {
    const loose = await parentNamed(mainServer.id, "loose");
    const res = await act(mainServer.id, restartBody(loose, "loose.service"));
    expect([res.status, res.body.error.code]).toEqual([409, "NOT_RESTARTABLE"]);
    expect(res.body.error.message).toMatch(/^loose \(\d+\) is not in any systemd service \(its cgroup is \/\), so there is no unit to restart/);
  });
});

describe("restart", () => {
  it("clears the zombies, and the unit comes back with a new main PID in its own cgroup; audited", async () => {
    const p = await parentNamed(mainServer.id, "php-fpm");
    const before = await truth(main, "php-fpm");
    expect(before.zombiesOf(p.pid)).toBe(4);

    const res = await act(mainServer.id, { ...restartBody(p, "php-fpm.service"), reason: "php-fpm leaking" });
    expect(res.status).toBe(200);
    const a = res.body;
    expect(a).toMatchObject({ action: "restart", signal: null, pid: p.pid, comm: "php-fpm", before: { zombies: 4 }, after: { zombies: 0, parentAlive: false }, orphansLeft: 0, next: null, settled: true, replayed: false });
    expect(a.unit).toMatchObject({ name: "php-fpm.service", activeState: "active" });
    const mainPid = a.unit?.mainPid ?? 0;
    expect(mainPid).not.toBe(p.pid);
    expect(a.message).toBe(`php-fpm.service restarted: php-fpm (${p.pid}) ended and its 4 zombies were reaped; the unit is active again with main PID ${mainPid}.`);

    // Ground truth: the old parent and its zombies are gone, the new main process runs in the unit's cgroup with fresh workers.
    const after = await truth(main, "php-fpm");
    expect(after.live).toEqual([mainPid]);
    expect(after.all.some((x) => x.pid === p.pid)).toBe(false);
    expect(after.all.filter((x) => x.state === "Z" && x.comm === "php-fpm")).toHaveLength(0);
    expect(after.all.filter((x) => x.ppid === mainPid && x.state !== "Z")).toHaveLength(2);
    expect(await cgroupOf(main, mainPid)).toMatch(/\/system\.slice\/php-fpm\.service$/m);

    const events = (await admin.call<{ events: AuditEvent[] }>("GET", `/api/audit?serverId=${mainServer.id}`)).body.events;
    expect(events.find((e) => e.id === a.id)).toMatchObject({ kind: "action", action: "restart", unit: "php-fpm.service", pid: p.pid, comm: "php-fpm", reason: "php-fpm leaking", result: "done" });
    expect(events.find((e) => e.id === a.id)?.signal).toBeUndefined();

    // A scan now finds no zombie parent in that unit.
    expect((await scan(mainServer.id)).parents.some((x) => x.comm === "php-fpm")).toBe(false);
  });

  it("a customer restarts a service on its own server, through sudo; a double submission restarts once", async () => {
    await admin.call("PATCH", `/api/servers/${mainServer.id}`, { useSudo: true });
    const p = (await scan(mainServer.id, customer)).parents.find((x) => x.comm === "queue-worker");
    if (!p) throw new Error("no queue-worker parent");
    const body = restartBody(p, "queue@default.service");
    const [one, two] = await Promise.all([act(mainServer.id, body, customer), act(mainServer.id, body, customer)]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect([one.body.replayed, two.body.replayed].sort()).toEqual([false, true]);
    expect(one.body.id).toBe(two.body.id);
    expect(one.body.message).toMatch(/^queue@default\.service restarted: queue-worker \(\d+\) ended and its 3 zombies were reaped/);
    const t = await truth(main, "queue-worker");
    expect(t.live).toEqual([one.body.unit?.mainPid]);
    await admin.call("PATCH", `/api/servers/${mainServer.id}`, { useSudo: false });
  });

  it("behind a PID 1 that does not reap, the orphans stay: the answer says so and offers the next restart", async () => {
    const p = await parentNamed(bareServer.id, "app");
    const res = await act(bareServer.id, restartBody(p, "app.service"));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ orphansLeft: 3, next: "restart", after: { parentAlive: false } });
    expect(res.body.message).toMatch(/^app\.service restarted; app \(\d+\) ended and its 3 zombies passed to PID 1, which does not reap them \(3 still there\): restart the container or server\./);
    expect((await truth(bare, "app")).pid1ZombiesBut(p.pid)).toBe(3);
  });
});
