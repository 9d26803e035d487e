import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import { waitFor } from "@/lab/run";
import type { Action } from "@/lib/shared/actions/types";
import type { AuditEvent } from "@/lib/shared/audit/types";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";

// Faults on the server side, through the built app against real sshd lab servers: sshd killed or
// frozen in the middle of a command, the whole server gone. Each must answer its error code, never
// store a half scan, never record an action whose outcome is unknown as done, and leave the app
// able to work with the server again once it is back.
type ErrorBody = { error: { code: string; message: string; outcome?: string; step?: string } };

// A client deadline of 8 s; the scan's remote `timeout` then gives up after 6 s, a wide window for
// the test to act while a stand-in hangs, even on a loaded machine.
const COMMAND_TIMEOUT_MS = 8_000;

// Flag files in a directory of the test's own switch the stand-ins' behaviour per test: while a flag
// exists the stand-in says it started (another file) and then hangs.
const flags = fs.mkdtempSync(path.join(os.tmpdir(), "reaper-faults-"));
const flag = (name: string) => path.join(flags, name);
const hangWhen = (name: string) => `if [ -e ${flag(name)} ]; then touch ${flag(`${name}.started`)}; sleep 30; fi`;
const STAND_INS = {
  // The scan reads /proc through grep (its first step, the kernel limits, too): it hangs there.
  grep: `${hangWhen("scan-hang")}\nexec /usr/bin/grep "$@"`,
  // The signal command runs `sudo -n kill ...` for a server with useSudo: it hangs before the kill.
  sudo: `[ "$1" = -n ] && shift\n${hangWhen("sudo-hang")}\nexec "$@"`,
};

let app: AppServer;
let api: ApiClient;
let lab: LabServer;
let server: Server;
let sudoServer: Server;

beforeAll(async () => {
  [app, lab] = await Promise.all([
    startApp({ REAPER_SSH_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS), REAPER_SSH_CONNECT_TIMEOUT_MS: "3000" }),
    startLabServer({ name: "faults", standIns: STAND_INS, scenario: { parents: [{ comm: "httpd", zombies: 3 }] } }),
  ]);
  api = await ApiClient.login(app);
  server = await addServer(lab, "faults");
  sudoServer = await addServer(lab, "faults-sudo", { useSudo: true });
});
afterAll(async () => {
  await lab?.signalSshd("CONT", "all").catch(() => undefined);
  await Promise.all([app?.stop(), lab?.stop()]);
  fs.rmSync(flags, { recursive: true, force: true });
});

async function addServer(l: LabServer, name: string, over: Record<string, unknown> = {}): Promise<Server> {
  const res = await api.call<Server>("POST", "/api/servers", { name, host: l.host, port: l.port, username: l.username, privateKey: l.privateKey, hostKeyFingerprint: l.hostKeyFingerprint, ...over });
  expect(res.status).toBe(201);
  return res.body;
}

const scan = (id: string) => api.call<Scan & ErrorBody>("POST", `/api/servers/${id}/scans`);

async function storedScans(id: string): Promise<number> {
  const res = await api.call<{ scans: unknown[] }>("GET", `/api/servers/${id}/scans?limit=100`);
  expect(res.status).toBe(200);
  return res.body.scans.length;
}

/** Holds the next run of a stand-in until the test acts; resolves once the command is inside it. */
async function hang(name: string): Promise<void> {
  fs.rmSync(flag(`${name}.started`), { force: true });
  fs.writeFileSync(flag(name), "");
}
const release = (name: string) => fs.rmSync(flag(name), { force: true });
const started = (name: string) => waitFor(async () => (fs.existsSync(flag(`${name}.started`)) ? true : undefined), 10_000, async () => `${name} never started`);

/** The hanging stand-ins' sleeps still in the namespace (the remote `timeout` must end every one). */
async function sleepers(l: LabServer): Promise<number> {
  const { stdout } = await l.exec("ps -A -o args= | grep -c '^sleep 30$' || true");
  return Number(stdout.trim());
}

/** Per-connection sshd processes (one pair per open SSH connection on OpenSSH 9.2). */
async function sshdSessions(l: LabServer): Promise<number> {
  const { stdout } = await l.exec("ps -A -o args= | grep -c '^sshd: root@notty' || true");
  return Number(stdout.trim());
}

/** A good scan first (the pooled connection is warm), then one caught while it reads /proc. */
async function scanCaughtReading(): Promise<{ before: Awaited<ReturnType<typeof storedScans>>; pending: ReturnType<typeof scan> }> {
  expect((await scan(server.id)).status).toBe(201);
  const before = await storedScans(server.id);
  await hang("scan-hang");
  const pending = scan(server.id);
  await started("scan-hang");
  release("scan-hang");
  return { before, pending };
}

describe("sshd killed", () => {
  it("mid-scan: SSH_UNREACHABLE saying the connection was lost, no scan stored; the next scan reconnects", async () => {
    const { before, pending } = await scanCaughtReading();
    expect((await lab.signalSshd("KILL", "all")).length).toBeGreaterThan(1);
    const res = await pending;
    expect([res.status, res.body.error.code]).toEqual([502, "SSH_UNREACHABLE"]);
    expect(res.body.error.message).toMatch(/connection was lost while the scan ran/);
    expect(await storedScans(server.id)).toBe(before);

    await lab.restartSshd();
    const again = await scan(server.id);
    expect(again.status).toBe(201);
    expect(again.body.summary.zombies).toBe(3);
    expect(await storedScans(server.id)).toBe(before + 1);
  });

  it("mid-action: the answer and the audit log say the outcome is unknown, never done", async () => {
    const s = await scan(sudoServer.id);
    const httpd = s.body.processes.find((p) => p.comm === "httpd" && !p.state.startsWith("Z"));
    if (!httpd) throw new Error("no httpd in the scan");
    await hang("sudo-hang");
    const pending = api.call<Action & ErrorBody>("POST", `/api/servers/${sudoServer.id}/actions`, { action: "reap", pid: httpd.pid, startTime: httpd.startTime });
    await started("sudo-hang");
    release("sudo-hang");
    await lab.signalSshd("KILL", "all");
    const res = await pending;
    expect([res.status, res.body.error.code, res.body.error.outcome]).toEqual([502, "SSH_UNREACHABLE", "unknown"]);
    expect(res.body.error.message).toMatch(/Whether the signal was sent is unknown: scan again/);
    const { body } = await api.call<{ events: AuditEvent[] }>("GET", `/api/audit?serverId=${sudoServer.id}&limit=10`);
    expect(body.events[0]).toMatchObject({ kind: "action", action: "reap", pid: httpd.pid, result: "unknown", code: "SSH_UNREACHABLE" });
    await lab.restartSshd();
    // The remote `timeout` ends the stranded command on its own (10 s for an action): nothing is left behind.
    await waitFor(async () => ((await sleepers(lab)) === 0 ? true : undefined), 20_000, async () => "the hung sudo stand-in outlived its timeout");
  });
});

describe("sshd frozen (SIGSTOP) mid-scan", () => {
  it("SSH_TIMEOUT at the client's deadline; the frozen connection is dropped and the next scan opens a fresh one", async () => {
    const { before, pending } = await scanCaughtReading();
    const frozen = await lab.signalSshd("STOP", "sessions");
    expect(frozen.length).toBeGreaterThan(0);
    const started_ = Date.now();
    const res = await pending;
    expect([res.status, res.body.error.code]).toEqual([504, "SSH_TIMEOUT"]);
    expect(res.body.error.message).toMatch(`did not finish within ${COMMAND_TIMEOUT_MS} ms`);
    // Bounded, not timed: the answer came from the deadline, not from TCP giving up minutes later.
    expect(Date.now() - started_).toBeLessThan(COMMAND_TIMEOUT_MS * 4);
    expect(await storedScans(server.id)).toBe(before);

    // Still frozen: only a new connection can answer.
    const again = await scan(server.id);
    expect(again.status).toBe(201);
    await lab.exec(`kill -s CONT ${frozen.join(" ")}`);
    // The retired connection is closed by the app, so its sshd session ends: one connection remains.
    await waitFor(async () => ((await sshdSessions(lab)) === 1 ? true : undefined), 15_000, async () => `sshd sessions: ${await sshdSessions(lab)}`);
  });
});

describe("the remote timeout", () => {
  it("work past the limit ends on the server (no process left) and exit 124 is SSH_TIMEOUT saying it was stopped there", async () => {
    await hang("scan-hang");
    const res = await scan(server.id);
    release("scan-hang");
    expect([res.status, res.body.error.code]).toEqual([504, "SSH_TIMEOUT"]);
    expect(res.body.error.message).toMatch(/ran out of time on faults and was stopped there/);
    // The client's own deadline (8 s) did not decide: the server's `timeout` (6 s) did, with exit 124.
    expect(res.body.error.message).not.toMatch(/did not finish within/);
    await waitFor(async () => ((await sleepers(lab)) === 0 ? true : undefined), 10_000, async () => "a sleep outlived the remote timeout");
  });
});

describe("the server gone (its namespace killed) mid-scan", () => {
  it("SSH_UNREACHABLE, no scan stored, the app keeps answering", async () => {
    const doomed = await startLabServer({ name: "faults-doomed", standIns: STAND_INS });
    try {
      const s = await addServer(doomed, "faults-doomed");
      expect((await scan(s.id)).status).toBe(201);
      await hang("scan-hang");
      const pending = scan(s.id);
      await started("scan-hang");
      release("scan-hang");
      await doomed.stop();
      const res = await pending;
      expect([res.status, res.body.error.code]).toEqual([502, "SSH_UNREACHABLE"]);
      expect(await storedScans(s.id)).toBe(1);
      const next = await scan(s.id);
      expect([next.status, next.body.error.code]).toEqual([502, "SSH_UNREACHABLE"]);
      expect((await api.call("GET", "/api/health")).status).toBe(200);
    } finally {
      await doomed.stop();
    }
  });
});
