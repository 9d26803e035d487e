import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import { namespaceProcesses } from "@/lab/proc-scan";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";

// The protected names an operator gets without configuring any (REAPER_PROTECTED_NAMES unset):
// OpenSSH 9.8+ runs each connection as `sshd-session`, which must never be signalled even when it
// is not Reaper's own connection, and neither may systemd.
type ErrorBody = { error: { code: string; message: string } };

let app: AppServer;
let api: ApiClient;
let lab: LabServer;
let server: Server;

beforeAll(async () => {
  [app, lab] = await Promise.all([
    startApp(),
    startLabServer({ name: "protected-names", scenario: { parents: [{ comm: "sshd-session", zombies: 2 }, { comm: "systemd", zombies: 1 }] } }),
  ]);
  api = await ApiClient.login(app);
  const res = await api.call<Server>("POST", "/api/servers", { name: "protected-names", host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey, hostKeyFingerprint: lab.hostKeyFingerprint });
  expect(res.status).toBe(201);
  server = res.body;
});
afterAll(async () => {
  await Promise.all([app?.stop(), lab?.stop()]);
});

describe("the default protected names", () => {
  it.each([
    ["sshd-session", 2],
    ["systemd", 1],
  ] as const)("%s: terminate is refused as PROTECTED_PROCESS by name, and the process keeps its zombies", async (comm, zombies) => {
    const scan = (await api.call<Scan>("POST", `/api/servers/${server.id}/scans`)).body;
    const p = scan.parents.find((x) => x.comm === comm);
    if (!p) throw new Error(`no ${comm} parent`);
    const res = await api.call<ErrorBody>("POST", `/api/servers/${server.id}/actions`, { action: "terminate", pid: p.pid, startTime: p.startTime, confirm: p.pid });
    expect([res.status, res.body.error.code]).toEqual([403, "PROTECTED_PROCESS"]);
    expect(res.body.error.message).toBe(`${comm} (${p.pid}) is on the protected list (init, systemd, sshd, sshd-session); Reaper does not signal it. Restart its service instead if it must go.`);
    const procs = await namespaceProcesses(lab.initPid);
    expect(procs.find((x) => x.pid === p.pid)?.state).not.toBe("Z");
    expect(procs.filter((x) => x.ppid === p.pid && x.state === "Z")).toHaveLength(zombies);
  });
});
