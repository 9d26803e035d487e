import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import { buildPollCommand, buildSignalCommand } from "@/lib/server/actions/signal-command";
import { buildScanCommand } from "@/lib/server/scan/command/scan-command";
import { SshPool } from "@/lib/server/ssh/pool";
import type { SshTarget } from "@/lib/server/ssh/types";
import type { Action } from "@/lib/shared/actions/types";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { settledScan } from "@/tests/lab/scan-through-app";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";

// A lab server set up as the README tells customers: Reaper's key runs only through the shipped
// restricted command. Reaper works unchanged; anything else is refused, and nothing of it runs.
const SCRIPT = path.resolve(__dirname, "../../remote/reaper-forced-command.sh");
const REFUSED = 126;
const limits = { connectTimeoutMs: 5_000, commandTimeoutMs: 20_000, maxOutputBytes: 8 * 1024 * 1024, label: "The test command" };

let app: AppServer;
let api: ApiClient;
let lab: LabServer;
let server: Server;
let pool: SshPool;
const canary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "reaper-forced-")), "canary");

beforeAll(async () => {
  [app, lab] = await Promise.all([
    startApp(),
    startLabServer({ name: "forced-command", forcedCommand: SCRIPT, scenario: { parents: [{ comm: "reaps-ok", zombies: 3, onSigchld: "reap" }, { comm: "httpd", zombies: 2 }] } }),
  ]);
  api = await ApiClient.login(app);
  const res = await api.call<Server>("POST", "/api/servers", { name: "forced-command", host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey, hostKeyFingerprint: lab.hostKeyFingerprint });
  expect(res.status).toBe(201);
  server = res.body;
  pool = new SshPool(60_000);
});
afterAll(async () => {
  pool?.closeAll();
  await Promise.all([app?.stop(), lab?.stop()]);
  fs.rmSync(path.dirname(canary), { recursive: true, force: true });
});

const target = (): SshTarget => ({ host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey, hostKeyFingerprint: lab.hostKeyFingerprint });
const run = (command: string) => pool.run(target(), command, limits);

async function scan(): Promise<Scan> {
  const res = await api.call<Scan>("POST", `/api/servers/${server.id}/scans`);
  expect(res.status).toBe(201);
  return res.body;
}

describe("Reaper through the restricted command", () => {
  it("scans unchanged, and lets the details step (ps, then pstree) through too", async () => {
    const s = await scan();
    expect(s.summary.zombies).toBe(lab.expected.zombies);
    expect(s.parents.map((p) => [p.comm, p.zombieCount])).toEqual([
      ["reaps-ok", 3],
      ["httpd", 2],
    ]);
    const settled = await settledScan(api, s);
    expect(settled.notes.filter((n) => /^(ps|pstree) did not/.test(n))).toEqual([]);
    expect(settled.processes.filter((p) => p.user === "?")).toEqual([]);
    expect(settled.parents.map((p) => p.pstree === null)).toEqual([false, false]);
  });

  it("signals behind the identity check, and watches the outcome", async () => {
    const p = (await scan()).processes.find((x) => x.comm === "reaps-ok" && !x.state.startsWith("Z"));
    if (!p) throw new Error("no reaps-ok");
    const res = await api.call<Action>("POST", `/api/servers/${server.id}/actions`, { action: "reap", pid: p.pid, startTime: p.startTime });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "done", before: { zombies: 3 }, after: { zombies: 0, parentAlive: true }, settled: true });
  });

  it("refuses a PID the identity check does not know (a start time that differs) as PROCESS_CHANGED", async () => {
    const p = (await scan()).processes.find((x) => x.comm === "httpd" && !x.state.startsWith("Z"));
    if (!p) throw new Error("no httpd");
    const res = await api.call<{ error: { code: string } }>("POST", `/api/servers/${server.id}/actions`, { action: "terminate", pid: p.pid, startTime: p.startTime + 1, confirm: p.pid });
    expect([res.status, res.body.error.code]).toEqual([409, "PROCESS_CHANGED"]);
  });
});

describe("everything else is refused, and none of it runs", () => {
  it.each([
    ["a plain command", `touch ${canary}`],
    ["the scan with one byte changed", buildScanCommand({ timeoutSeconds: 28 }).command.replace("pid_max", "pid_maX")],
    ["the scan with a command appended", `${buildScanCommand({ timeoutSeconds: 28 }).command}; touch ${canary}`],
    ["a signal command with text where the PID goes", buildSignalCommand({ action: "kill", pid: 4242, startTime: 1, useSudo: false, protectedNames: ["sshd"] }).replace("P=4242;", `P=4242; touch ${canary};`)],
    ["the outcome check with a second line", `${buildPollCommand(4242, 1)}\ntouch ${canary}`],
  ])("%s", async (_, command) => {
    const res = await run(command);
    expect(res.code).toBe(REFUSED);
    expect(res.stdout).toBe("");
    expect(res.stderr).toMatch(/^reaper-forced-command: refused: not one of the commands Reaper sends/);
    expect(fs.existsSync(canary)).toBe(false);
  });

  it("the scan with another remote timeout is still the scan", async () => {
    const res = await run(buildScanCommand({ timeoutSeconds: 7 }).command);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("@@reaper:end");
  });
});
