import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import { namespaceProcesses, zombieCounts } from "@/lab/proc-scan";
import type { Action } from "@/lib/shared/actions/types";
import type { AuditEvent } from "@/lib/shared/audit/types";
import type { Process, Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { closedPort } from "@/tests/support/ports";

// Guarded actions through the built app against real sshd lab servers with real zombie parents.
type ErrorBody = { error: { code: string; message: string; field?: string; owner?: string; via?: string } };
type Answer = Action & ErrorBody;

let app: AppServer;
let api: ApiClient;
let main: LabServer; // tini as PID 1, a passwordless sudo on the session PATH
let bare: LabServer; // PID 1 never reaps
let noSudo: LabServer; // sudo asks for a password
let mainServer: Server;

beforeAll(async () => {
  [app, main, bare, noSudo] = await Promise.all([
    startApp(),
    startLabServer({
      name: "actions-main",
      sudo: "passwordless",
      scenario: {
        parents: [
          { comm: "reaps-ok", zombies: 4, onSigchld: "reap" },
          { comm: "httpd", zombies: 7 },
          { comm: "stubborn", zombies: 3, onSigterm: "ignore" },
          { comm: "counter", zombies: 5, onSigchld: "reap-one" },
          { comm: "php-fpm", zombies: 3 },
          { comm: "blocker", zombies: 2, onSigchld: "block" },
          { comm: "via sudo", zombies: 2, onSigchld: "reap" },
        ],
      },
    }),
    startLabServer({ name: "actions-bare", init: "non-reaping", scenario: { parents: [{ comm: "httpd", zombies: 3 }] } }),
    startLabServer({ name: "actions-nosudo", sudo: "password-required", scenario: { parents: [{ comm: "httpd", zombies: 2 }] } }),
  ]);
  api = await ApiClient.login(app);
  mainServer = await addServer(main);
});
afterAll(async () => {
  await Promise.all([app?.stop(), main?.stop(), bare?.stop(), noSudo?.stop()]);
});

async function addServer(l: LabServer, over: Record<string, unknown> = {}, client = api): Promise<Server> {
  const res = await client.call<Server>("POST", "/api/servers", { name: l.name, host: l.host, port: l.port, username: l.username, privateKey: l.privateKey, ...over });
  expect(res.status).toBe(201);
  return res.body;
}

async function scan(serverId: string, client = api): Promise<Scan> {
  const res = await client.call<Scan>("POST", `/api/servers/${serverId}/scans`);
  expect(res.status).toBe(201);
  return res.body;
}

async function parent(serverId: string, comm: string): Promise<Process> {
  const s = await scan(serverId);
  const p = s.processes.find((x) => x.comm === comm && !x.state.startsWith("Z"));
  if (!p) throw new Error(`no live ${comm} on the server`);
  return p;
}

function act(serverId: string, body: Record<string, unknown>, client = api) {
  return client.call<Answer>("POST", `/api/servers/${serverId}/actions`, body);
}

/** Straight from the namespace's /proc, not through Reaper: the ground truth. */
async function truth(l: LabServer, pid: number): Promise<{ alive: boolean; zombies: number; pid1Zombies: number }> {
  const procs = await namespaceProcesses(l.initPid);
  const counts = zombieCounts(procs);
  const p = procs.find((x) => x.pid === pid);
  return { alive: !!p && p.state !== "Z", zombies: counts.get(pid) ?? 0, pid1Zombies: procs.filter((x) => x.ppid === 1 && x.state === "Z" && x.pid !== pid).length };
}

async function audit(query = ""): Promise<AuditEvent[]> {
  const res = await api.call<{ events: AuditEvent[] }>("GET", `/api/audit?limit=500${query}`);
  expect(res.status).toBe(200);
  return res.body.events;
}

describe("reap (SIGCHLD)", () => {
  it("a parent that reaps on SIGCHLD: its zombies are gone", async () => {
    const p = await parent(mainServer.id, "reaps-ok");
    const res = await act(mainServer.id, { action: "reap", pid: p.pid, startTime: p.startTime });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ action: "reap", signal: "SIGCHLD", pid: p.pid, comm: "reaps-ok", status: "done", before: { zombies: 4 }, after: { zombies: 0, parentAlive: true }, next: null, replayed: false });
    expect(res.body.id).toMatch(/^act_/);
    expect(await truth(main, p.pid)).toMatchObject({ alive: true, zombies: 0 });
  });

  it("a parent that leaves SIGCHLD at default: reap leaves them and says terminate next", async () => {
    const p = await parent(mainServer.id, "httpd");
    const res = await act(mainServer.id, { action: "reap", pid: p.pid, startTime: p.startTime });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ before: { zombies: 7 }, after: { zombies: 7, parentAlive: true }, next: "terminate" });
    expect(res.body.message).toBe("SIGCHLD reaped 0 of 7: the parent ignores it. Next: terminate");
    expect((await truth(main, p.pid)).zombies).toBe(7);
  });

  it("a parent that blocks SIGCHLD, signalled through sudo -n: the zombies stay", async () => {
    const viaSudo = await addServer(main, { name: "actions-main-sudo", useSudo: true });
    const p = await parent(viaSudo.id, "blocker");
    const res = await act(viaSudo.id, { action: "reap", pid: p.pid, startTime: p.startTime });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ before: { zombies: 2 }, after: { zombies: 2, parentAlive: true }, next: "terminate" });
    const q = await parent(viaSudo.id, "via sudo");
    const reaped = await act(viaSudo.id, { action: "reap", pid: q.pid, startTime: q.startTime });
    expect(reaped.body).toMatchObject({ before: { zombies: 2 }, after: { zombies: 0, parentAlive: true } });
  });
});

describe("terminate and kill", () => {
  it("terminate needs confirm equal to the PID; then the parent ends and tini reaps its zombies", async () => {
    const p = await parent(mainServer.id, "httpd");
    const missing = await act(mainServer.id, { action: "terminate", pid: p.pid, startTime: p.startTime });
    expect([missing.status, missing.body.error.code]).toEqual([400, "CONFIRMATION_REQUIRED"]);
    const wrong = await act(mainServer.id, { action: "terminate", pid: p.pid, startTime: p.startTime, confirm: p.pid + 1 });
    expect([wrong.status, wrong.body.error.code]).toEqual([400, "CONFIRMATION_REQUIRED"]);
    expect(await truth(main, p.pid)).toMatchObject({ alive: true, zombies: 7 });

    const res = await act(mainServer.id, { action: "terminate", pid: p.pid, startTime: p.startTime, confirm: String(p.pid) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ signal: "SIGTERM", before: { zombies: 7 }, after: { zombies: 0, parentAlive: false }, orphansLeft: 0, next: null });
    expect(res.body.message).toBe(`httpd (${p.pid}) ended after SIGTERM; its 7 zombies passed to init and were reaped.`);
    expect(await truth(main, p.pid)).toMatchObject({ alive: false, pid1Zombies: 0 });
  });

  it("kill is refused before a terminate was tried (without a reason), and allowed after it", async () => {
    const p = await parent(mainServer.id, "stubborn");
    const early = await act(mainServer.id, { action: "kill", pid: p.pid, startTime: p.startTime, confirm: p.pid });
    expect([early.status, early.body.error.code]).toEqual([400, "CONFIRMATION_REQUIRED"]);
    expect(early.body.error.message).toMatch(/terminate PID \d+ first, or give a reason/);

    const term = await act(mainServer.id, { action: "terminate", pid: p.pid, startTime: p.startTime, confirm: p.pid });
    expect(term.status).toBe(200);
    expect(term.body).toMatchObject({ after: { parentAlive: true, zombies: 3 }, next: "kill" });
    expect(term.body.message).toMatch(/still running after SIGTERM.*Next: kill/);

    const kill = await act(mainServer.id, { action: "kill", pid: p.pid, startTime: p.startTime, confirm: p.pid });
    expect(kill.status).toBe(200);
    expect(kill.body).toMatchObject({ signal: "SIGKILL", after: { parentAlive: false, zombies: 0 }, orphansLeft: 0 });
    expect((await truth(main, p.pid)).alive).toBe(false);
  });

  it("kill at once is allowed with a reason, which the audit log keeps", async () => {
    const p = await parent(mainServer.id, "blocker");
    const res = await act(mainServer.id, { action: "kill", pid: p.pid, startTime: p.startTime, confirm: p.pid, reason: "customer asked: site down" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ after: { parentAlive: false, zombies: 0 }, orphansLeft: 0 });
    const event = (await audit(`&serverId=${mainServer.id}`)).find((e) => e.id === res.body.id);
    expect(event).toMatchObject({ action: "kill", signal: "SIGKILL", reason: "customer asked: site down", result: "done", comm: "blocker" });
  });

  it("a namespace whose PID 1 never reaps: terminate leaves the orphans under PID 1, and the answer says so", async () => {
    const s = await addServer(bare);
    const p = await parent(s.id, "httpd");
    const res = await act(s.id, { action: "terminate", pid: p.pid, startTime: p.startTime, confirm: p.pid });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ before: { zombies: 3 }, after: { zombies: 0, parentAlive: false }, orphansLeft: 3, next: "restart" });
    expect(res.body.message).toMatch(/passed to PID 1, which does not reap them \(3 still there\): restart the container or service/);
    expect((await truth(bare, p.pid)).pid1Zombies).toBe(3);
  });
});

describe("identity and privilege", () => {
  it("a PID whose start time no longer matches: PROCESS_CHANGED, nothing signalled", async () => {
    const p = await parent(mainServer.id, "php-fpm");
    const res = await act(mainServer.id, { action: "terminate", pid: p.pid, startTime: p.startTime + 1, confirm: p.pid });
    expect([res.status, res.body.error.code]).toEqual([409, "PROCESS_CHANGED"]);
    expect(res.body.error.message).toMatch(/different process.*Nothing was signalled/);
    expect(await truth(main, p.pid)).toMatchObject({ alive: true, zombies: 3 });
  });

  it("a PID that no longer exists: PROCESS_CHANGED", async () => {
    const res = await act(mainServer.id, { action: "reap", pid: 4_000_000, startTime: 5 });
    expect([res.status, res.body.error.code]).toEqual([409, "PROCESS_CHANGED"]);
  });

  it("an unprivileged SSH user signalling root's process: PERMISSION_DENIED naming the owner", async () => {
    const s = await addServer(main, { name: "actions-unprivileged", username: main.passwordUser.username, password: main.passwordUser.password, privateKey: undefined });
    const p = await parent(s.id, "php-fpm");
    const res = await act(s.id, { action: "reap", pid: p.pid, startTime: p.startTime });
    expect([res.status, res.body.error.code, res.body.error.owner]).toEqual([502, "PERMISSION_DENIED", "root"]);
    expect(res.body.error.message).toContain("belongs to root");
    expect(res.body.error.message).toContain(main.passwordUser.username);
  });

  it("useSudo where sudo wants a password: PERMISSION_DENIED saying sudo refused", async () => {
    const s = await addServer(noSudo, { useSudo: true });
    const p = await parent(s.id, "httpd");
    const res = await act(s.id, { action: "reap", pid: p.pid, startTime: p.startTime });
    expect([res.status, res.body.error.code, res.body.error.via]).toEqual([502, "PERMISSION_DENIED", "sudo"]);
    expect(res.body.error.message).toMatch(/sudo refused.*a password is required/);
  });
});

describe("protected processes", () => {
  it("PID 1 is refused before connecting, with what to do instead", async () => {
    const res = await act(mainServer.id, { action: "terminate", pid: 1, startTime: 1, confirm: 1 });
    expect([res.status, res.body.error.code]).toEqual([403, "PROTECTED_PROCESS"]);
    expect(res.body.error.message).toMatch(/init of this server or container.*Restart the container or the service/);
  });

  it("sshd (on the default protected list) is refused", async () => {
    const s = await scan(mainServer.id);
    const sshd = s.processes.filter((p) => p.comm === "sshd");
    expect(sshd.length).toBeGreaterThan(0);
    for (const p of sshd) {
      const res = await act(mainServer.id, { action: "terminate", pid: p.pid, startTime: p.startTime, confirm: p.pid });
      expect([res.status, res.body.error.code]).toEqual([403, "PROTECTED_PROCESS"]);
    }
  });
});

describe("double submission", () => {
  it("two identical requests at once send one signal; both hear the same answer", async () => {
    // "counter" reaps one zombie per SIGCHLD it receives: the zombies left count the signals.
    const p = await parent(mainServer.id, "counter");
    const body = { action: "reap", pid: p.pid, startTime: p.startTime };
    const [a, b] = await Promise.all([act(mainServer.id, body), act(mainServer.id, body)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.id).toBe(b.body.id);
    expect([a.body.replayed, b.body.replayed].sort()).toEqual([false, true]);
    expect(a.body.after.zombies).toBe(4);
    expect(await truth(main, p.pid)).toMatchObject({ alive: true, zombies: 4 });
    const events = (await audit(`&serverId=${mainServer.id}`)).filter((e) => e.pid === p.pid);
    expect(events.map((e) => e.result)).toEqual(["done", "done"]);
    expect(events.filter((e) => e.message.startsWith("Same request as")).length).toBe(1);
  });
});

describe("bad requests", () => {
  it.each([
    ["an unknown action", { action: "nuke", pid: 10, startTime: 1 }, "action"],
    ["a pid as text", { action: "reap", pid: "10", startTime: 1 }, "pid"],
    ["a missing startTime", { action: "reap", pid: 10 }, "startTime"],
    ["an unknown field", { action: "reap", pid: 10, startTime: 1, signal: "HUP" }, "body"],
  ])("%s: 400 VALIDATION naming the field", async (_, body, field) => {
    const res = await act(mainServer.id, body);
    expect([res.status, res.body.error.code, res.body.error.field]).toEqual([400, "VALIDATION", field]);
  });

  it("an unreachable server: 502 SSH_UNREACHABLE, audited as failed", async () => {
    const s = await addServer(main, { name: "actions-closed", port: await closedPort() });
    const res = await act(s.id, { action: "reap", pid: 10, startTime: 1 });
    expect([res.status, res.body.error.code]).toEqual([502, "SSH_UNREACHABLE"]);
    const actions = (await audit(`&serverId=${s.id}`)).filter((e) => e.kind === "action");
    expect(actions.map((e) => [e.result, e.code])).toEqual([["failed", "SSH_UNREACHABLE"]]);
  });

  it("an unknown server: 404", async () => {
    const res = await act("srv_nope", { action: "reap", pid: 10, startTime: 1 });
    expect([res.status, res.body.error.code]).toEqual([404, "NOT_FOUND"]);
  });
});

describe("the audit log", () => {
  it("holds every refusal, in the contract's shape, newest first", async () => {
    const events = await audit();
    const codes = new Set(events.map((e) => e.code));
    for (const code of ["CONFIRMATION_REQUIRED", "PROTECTED_PROCESS", "PROCESS_CHANGED", "PERMISSION_DENIED", "VALIDATION", "NOT_FOUND"]) expect(codes).toContain(code);
    for (const e of events.filter((x) => x.code)) expect(e.result).toBe(e.code?.startsWith("SSH_") ? "failed" : "refused");
    const at = events.map((e) => e.at);
    expect(at).toEqual([...at].sort().reverse());
    const changed = events.find((e) => e.code === "PROCESS_CHANGED" && e.comm === "php-fpm");
    expect(changed).toMatchObject({ kind: "action", action: "terminate", serverId: mainServer.id, actor: { email: "admin@example.com" } });
    expect(typeof changed?.startTime).toBe("number");
    const done = events.find((e) => e.result === "done" && e.comm === "reaps-ok");
    expect(done).toMatchObject({ action: "reap", signal: "SIGCHLD" });
  });

  it("filters by server and by person, and has no edit or delete", async () => {
    const byServer = await audit(`&serverId=${mainServer.id}`);
    expect(byServer.length).toBeGreaterThan(0);
    expect(byServer.every((e) => e.serverId === mainServer.id)).toBe(true);
    const me = (await api.call<{ user: { id: string } }>("GET", "/api/me")).body.user.id;
    expect((await audit(`&actorId=${me}`)).length).toBe((await audit()).length);
    expect((await audit("&actorId=usr_nobody")).length).toBe(0);
    for (const method of ["DELETE", "PATCH", "PUT", "POST"]) expect((await api.call(method, "/api/audit")).status).toBe(405);
    const bad = await api.call<ErrorBody>("GET", "/api/audit?limit=0");
    expect([bad.status, bad.body.error.code]).toEqual([400, "VALIDATION"]);
  });
});

describe("an Alpine-like server (busybox sh, ps and awk)", () => {
  it("reaps and terminates with the same command text", async () => {
    const l = await startLabServer({ name: "actions-busybox", toolset: "busybox", scenario: { parents: [{ comm: "web worker)", zombies: 3, onSigchld: "reap" }, { comm: "httpd", zombies: 2 }] } });
    try {
      const s = await addServer(l);
      const w = await parent(s.id, "web worker)");
      const reaped = await act(s.id, { action: "reap", pid: w.pid, startTime: w.startTime });
      expect(reaped.body).toMatchObject({ comm: "web worker)", before: { zombies: 3 }, after: { zombies: 0, parentAlive: true } });
      const h = await parent(s.id, "httpd");
      const ended = await act(s.id, { action: "terminate", pid: h.pid, startTime: h.startTime, confirm: h.pid });
      expect(ended.body).toMatchObject({ before: { zombies: 2 }, after: { zombies: 0, parentAlive: false }, orphansLeft: 0 });
    } finally {
      await l.stop();
    }
  });
});
