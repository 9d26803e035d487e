import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import type { Process, Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { needs } from "@/tests/support/needs";

// Kernel threads through the API, on a server where they are visible: a lab server's own /proc
// shows only its namespace, so this one keeps the host's (kthreadd is PID 2 there and every kernel
// thread is listed, as on a server Reaper logs into). Reaper scans it and refuses to signal a real
// kernel thread: the check on the server reads the thread's /proc entry (PF_KTHREAD, parent
// kthreadd), before any signal. Kernel threads ignore signals from userspace anyway, so even a
// broken check could not harm this machine.
type ErrorBody = { error: { code: string; message: string } };

/** Field 9 (flags) of /proc/PID/stat: PF_KTHREAD is set on every kernel thread. */
const PF_KTHREAD = 0x00200000;

function hostStat(pid: number): { ppid: number; flags: number; startTime: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), flags: Number(fields[6]), startTime: Number(fields[19]) };
  } catch {
    return null;
  }
}

/** This machine shows kernel threads (it is not itself inside a PID namespace that hides them). */
function kernelThreadsVisible(): boolean {
  try {
    return readFileSync("/proc/2/comm", "utf8").trim() === "kthreadd";
  } catch {
    return false;
  }
}
const visible = needs(kernelThreadsVisible());

let app: AppServer;
let api: ApiClient;
let lab: LabServer;
let server: Server;
let scan: Scan;

beforeAll(async () => {
  if (!visible) return;
  [app, lab] = await Promise.all([startApp(), startLabServer({ name: "kernel-threads", proc: "host", scenario: { parents: [{ comm: "httpd", zombies: 1 }] } })]);
  api = await ApiClient.login(app);
  const created = await api.call<Server>("POST", "/api/servers", { name: "whole-host", host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey });
  expect(created.status).toBe(201);
  server = created.body;
  const scanned = await api.call<Scan>("POST", `/api/servers/${server.id}/scans`);
  expect(scanned.status).toBe(201);
  scan = scanned.body;
});
afterAll(async () => {
  await Promise.all([app?.stop(), lab?.stop()]);
});

const act = (body: Record<string, unknown>) => api.call<ErrorBody>("POST", `/api/servers/${server.id}/actions`, body);

describe.runIf(visible)("a server whose kernel threads are visible", () => {
  it("its scan lists kthreadd as PID 2 and kernel threads under it", () => {
    const kthreadd = scan.processes.find((p) => p.pid === 2);
    expect(kthreadd?.args).toBe("[kthreadd]");
    expect(scan.processes.filter((p) => p.ppid === 2).length).toBeGreaterThan(0);
  });

  it("a kernel thread from the scan is refused with 403 PROTECTED_PROCESS by the server-side check, for every signal", async () => {
    // A kernel thread that is one on this machine right now, with the start time the scan read.
    const thread = scan.processes.find((p: Process) => p.ppid === 2 && !p.state.startsWith("Z") && (hostStat(p.pid)?.flags ?? 0) & PF_KTHREAD);
    if (!thread) throw new Error("the scan shows no kernel thread under kthreadd");
    const before = hostStat(thread.pid);
    for (const action of ["reap", "terminate", "kill"]) {
      const res = await act({ action, pid: thread.pid, startTime: thread.startTime, confirm: thread.pid, reason: "kernel thread test" });
      expect([action, res.status, res.body.error.code]).toEqual([action, 403, "PROTECTED_PROCESS"]);
      expect(res.body.error.message).toBe(`${thread.comm} (${thread.pid}) is a kernel thread; Reaper never signals those.`);
    }
    expect(hostStat(thread.pid)).toEqual(before);
  });

  it("kthreadd itself (PID 2) is refused before any connection", async () => {
    const kthreadd = scan.processes.find((p) => p.pid === 2);
    const res = await act({ action: "terminate", pid: 2, startTime: kthreadd?.startTime ?? 0, confirm: 2 });
    expect([res.status, res.body.error.code]).toEqual([403, "PROTECTED_PROCESS"]);
    expect(res.body.error.message).toMatch(/kthreadd/);
  });
});
