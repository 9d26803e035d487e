import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import { namespaceProcesses } from "@/lab/proc-scan";
import type { Action } from "@/lib/shared/actions/types";
import type { AuditEvent } from "@/lib/shared/audit/types";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { createCustomer, CUSTOMER } from "@/tests/support/customer";

// Roles and the dashboard's own session. This app protects only "init" by name, so sshd is
// refused here solely because it carries Reaper's own SSH session.
type Answer = Action & { error: { code: string; message: string } };

let app: AppServer;
let admin: ApiClient;
let customer: ApiClient;
let lab: LabServer;
let server: Server;
let otherServer: Server;

beforeAll(async () => {
  [app, lab] = await Promise.all([
    startApp({ REAPER_PROTECTED_NAMES: "init" }),
    startLabServer({ name: "actions-guards", scenario: { parents: [{ comm: "httpd", zombies: 3 }, { comm: "reaps-ok", zombies: 2, onSigchld: "reap" }, { comm: "init", zombies: 1, onSigchld: "reap" }] } }),
  ]);
  admin = await ApiClient.login(app);
  const accountId = await createCustomer(admin);
  customer = await ApiClient.login(app, CUSTOMER);
  const add = async (name: string, accountId: string | null) =>
    (await admin.call<Server>("POST", "/api/servers", { name, host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey, accountId })).body;
  server = await add("customer-box", accountId);
  otherServer = await add("staff-box", null);
});
afterAll(async () => {
  await Promise.all([app?.stop(), lab?.stop()]);
});

const act = (client: ApiClient, serverId: string, body: Record<string, unknown>) => client.call<Answer>("POST", `/api/servers/${serverId}/actions`, body);
const scan = async (client: ApiClient, serverId: string) => (await client.call<Scan>("POST", `/api/servers/${serverId}/scans`)).body;

describe("roles", () => {
  it("a customer may not kill (FORBIDDEN), nor terminate without typing the PID; the process is untouched", async () => {
    const p = (await scan(customer, server.id)).parents.find((x) => x.comm === "httpd");
    if (!p) throw new Error("no httpd");
    const kill = await act(customer, server.id, { action: "kill", pid: p.pid, startTime: p.startTime, confirm: p.pid, reason: "please" });
    expect([kill.status, kill.body.error.code]).toEqual([403, "FORBIDDEN"]);
    expect(kill.body.error.message).toMatch(/customer.*may reap, terminate/);
    const unconfirmed = await act(customer, server.id, { action: "terminate", pid: p.pid, startTime: p.startTime });
    expect([unconfirmed.status, unconfirmed.body.error.code]).toEqual([400, "CONFIRMATION_REQUIRED"]);
    expect((await namespaceProcesses(lab.initPid)).find((x) => x.pid === p.pid)?.state).not.toBe("Z");
  });

  it("a customer may reap on its own server", async () => {
    const p = (await scan(customer, server.id)).parents.find((x) => x.comm === "reaps-ok");
    if (!p) throw new Error("no reaps-ok");
    const res = await act(customer, server.id, { action: "reap", pid: p.pid, startTime: p.startTime });
    expect(res.status).toBe(200);
    expect(res.body.after).toEqual({ zombies: 0, parentAlive: true });
  });

  it("a customer cannot act on, or read the audit of, a server it cannot see", async () => {
    const res = await act(customer, otherServer.id, { action: "reap", pid: 10, startTime: 1 });
    expect(res.status).toBe(404);
    await act(admin, otherServer.id, { action: "reap", pid: 1, startTime: 1 });
    const mine = (await customer.call<{ events: AuditEvent[] }>("GET", "/api/audit")).body.events;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.serverId === server.id)).toBe(true);
    const all = (await admin.call<{ events: AuditEvent[] }>("GET", "/api/audit")).body.events;
    expect(all.some((e) => e.code === "FORBIDDEN" && e.actor.email === CUSTOMER.email && e.result === "refused")).toBe(true);
    expect(all.some((e) => e.serverId === otherServer.id)).toBe(true);
  });
});

describe("the protected list", () => {
  it("a process named on REAPER_PROTECTED_NAMES is refused, even a harmless reap", async () => {
    const p = (await scan(admin, otherServer.id)).parents.find((x) => x.comm === "init");
    if (!p) throw new Error("no init-named parent");
    const res = await act(admin, otherServer.id, { action: "reap", pid: p.pid, startTime: p.startTime });
    expect([res.status, res.body.error.code]).toEqual([403, "PROTECTED_PROCESS"]);
    expect(res.body.error.message).toBe(`init (${p.pid}) is on the protected list (init); Reaper does not signal it. Restart its service instead if it must go.`);
    expect((await namespaceProcesses(lab.initPid)).filter((x) => x.ppid === p.pid && x.state === "Z")).toHaveLength(1);
  });
});

describe("the dashboard's own session", () => {
  it("every sshd process carrying Reaper's connection is refused as our own session", async () => {
    // Only this app connects to this lab, so every sshd here is the listener or Reaper's session.
    // The scan leaves its own session out of the picture, so the lab's own view of the namespace
    // names them: a PID and start time typed from elsewhere must be refused all the same.
    const s = await scan(admin, otherServer.id);
    const sshd = (await namespaceProcesses(lab.initPid)).filter((p) => p.comm === "sshd");
    expect(sshd.length).toBeGreaterThanOrEqual(2);
    expect(s.processes.filter((p) => p.comm === "sshd").length).toBeLessThan(sshd.length);
    for (const p of sshd) {
      const res = await act(admin, otherServer.id, { action: "terminate", pid: p.pid, startTime: p.startTime, confirm: p.pid });
      expect([res.status, res.body.error.code]).toEqual([403, "PROTECTED_PROCESS"]);
      expect(res.body.error.message).toMatch(/Reaper's own SSH session/);
    }
    // And the connection still works.
    expect((await admin.call("POST", `/api/servers/${otherServer.id}/scans`)).status).toBe(201);
  });
});
