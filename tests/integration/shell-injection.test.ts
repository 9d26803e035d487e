import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import type { Parent, Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";

// Shell metacharacters in every field a person types that reaches the server side: each payload
// would create a canary file of its own if any shell ever ran it, on this host or inside the lab
// server's namespace (which sees the same /tmp: the control below proves it). Every request answers
// its contract code, and afterwards no canary exists anywhere.
type ErrorBody = { error: { code: string; message: string; field?: string } };

let app: AppServer;
let admin: ApiClient;
let lab: LabServer;
let server: Server;
let httpd: Parent;
let scanId: string;
const canaries = mkdtempSync(path.join(tmpdir(), "reaper-canary-"));

/** Eight ways to run `touch` from inside a string, each touching the canary named `${field}-${i}`. */
function payloads(field: string): string[] {
  const c = (i: number) => path.join(canaries, `${field}-${i}`);
  return [
    `;touch ${c(0)}`,
    `$(touch ${c(1)})`,
    `\`touch ${c(2)}\``,
    `x\ntouch ${c(3)}\n`,
    `x'; touch ${c(4)}; echo '`,
    `x"; touch ${c(5)}; echo "`,
    `x | touch ${c(6)}`,
    `x && touch ${c(7)} #`,
  ];
}

/** The canaries that exist, seen from the host and from inside the lab's namespace. */
async function canariesFound(): Promise<{ host: string[]; lab: string[] }> {
  const inLab = await lab.exec(`ls -A ${canaries}`);
  expect(inLab.code).toBe(0);
  return { host: readdirSync(canaries), lab: inLab.stdout.split("\n").filter(Boolean) };
}

beforeAll(async () => {
  [app, lab] = await Promise.all([startApp(), startLabServer({ name: "shell-injection", scenario: { parents: [{ comm: "httpd", zombies: 3 }] } })]);
  admin = await ApiClient.login(app);
  const created = await admin.call<Server>("POST", "/api/servers", { name: "injection-target", host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey });
  expect(created.status).toBe(201);
  server = created.body;
  const scanned = await admin.call<Scan>("POST", `/api/servers/${server.id}/scans`);
  expect(scanned.status).toBe(201);
  scanId = scanned.body.id;
  const found = scanned.body.parents.find((p) => p.comm === "httpd");
  if (!found) throw new Error("the lab's httpd is not in the scan");
  httpd = found;
});
afterAll(async () => {
  await Promise.all([app?.stop(), lab?.stop()]);
  rmSync(canaries, { recursive: true, force: true });
});

describe("the canary", () => {
  it("is seen from the host and from the lab's namespace when something does run there", async () => {
    const control = await lab.exec(`touch ${path.join(canaries, "control")}`);
    expect(control.code).toBe(0);
    expect(await canariesFound()).toEqual({ host: ["control"], lab: ["control"] });
    rmSync(path.join(canaries, "control"));
    expect(await canariesFound()).toEqual({ host: [], lab: [] });
  });
});

const validation = (res: { status: number; body: ErrorBody }) => [res.status, res.body.error?.code, res.body.error?.field];

describe("server fields", () => {
  const base = () => ({ name: "target", host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey });

  it.each([
    ["host", (p: string) => ({ host: `127.0.0.1${p}` })],
    ["username", (p: string) => ({ username: `root${p}` })],
    ["port", (p: string) => ({ port: `${lab.port}${p}` })],
    ["hostKeyFingerprint", (p: string) => ({ hostKeyFingerprint: `${lab.hostKeyFingerprint}${p}` })],
  ])("%s: 400 VALIDATION naming the field, on create and on change", async (field, over) => {
    for (const p of payloads(field)) {
      expect(validation(await admin.call<ErrorBody>("POST", "/api/servers", { ...base(), ...over(p) })), p).toEqual([400, "VALIDATION", field]);
      expect(validation(await admin.call<ErrorBody>("PATCH", `/api/servers/${server.id}`, over(p))), p).toEqual([400, "VALIDATION", field]);
    }
  });

  it("name: stored as typed when it is one line (and the server scans as usual), 400 VALIDATION with a newline", async () => {
    for (const p of payloads("name")) {
      const res = await admin.call<Server & ErrorBody>("POST", "/api/servers", { ...base(), name: `web${p}` });
      if (p.includes("\n")) {
        expect(validation(res), p).toEqual([400, "VALIDATION", "name"]);
        continue;
      }
      expect([p, res.status, res.body.name]).toEqual([p, 201, `web${p}`]);
      expect((await admin.call("POST", `/api/servers/${res.body.id}/scans`)).status).toBe(201);
    }
  });

  it("password: handed to SSH as the password, which the server refuses (502 SSH_AUTH_FAILED)", async () => {
    for (const p of payloads("password")) {
      const res = await admin.call<Server>("POST", "/api/servers", { name: "by-password", host: lab.host, port: lab.port, username: lab.passwordUser.username, password: p });
      expect(res.status).toBe(201);
      const scanned = await admin.call<ErrorBody>("POST", `/api/servers/${res.body.id}/scans`);
      expect([p, scanned.status, scanned.body.error?.code]).toEqual([p, 502, "SSH_AUTH_FAILED"]);
    }
  });

  it("a host key fingerprint to pin: 400 VALIDATION", async () => {
    for (const p of payloads("pin")) {
      expect(validation(await admin.call<ErrorBody>("POST", `/api/servers/${server.id}/host-key`, { fingerprint: `${lab.hostKeyFingerprint}${p}` })), p).toEqual([400, "VALIDATION", "fingerprint"]);
    }
  });
});

describe("action fields", () => {
  const act = (body: Record<string, unknown>) => admin.call<ErrorBody & { status?: string }>("POST", `/api/servers/${server.id}/actions`, body);
  const reap = () => ({ action: "reap", pid: httpd.pid, startTime: httpd.startTime });

  it.each([
    ["action", (p: string) => ({ ...reap(), action: `reap${p}` })],
    ["pid", (p: string) => ({ ...reap(), pid: `${httpd.pid}${p}` })],
    ["startTime", (p: string) => ({ ...reap(), startTime: `${httpd.startTime}${p}` })],
    ["unit", (p: string) => ({ ...reap(), action: "restart", confirm: httpd.pid, unit: `httpd.service${p}` })],
  ])("%s: 400 VALIDATION naming the field", async (field, body) => {
    for (const p of payloads(field)) expect(validation(await act(body(p))), p).toEqual([400, "VALIDATION", field]);
  });

  it("confirm: 400 CONFIRMATION_REQUIRED, nothing sent", async () => {
    for (const p of payloads("confirm")) {
      const res = await act({ ...reap(), action: "terminate", confirm: `${httpd.pid}${p}`.slice(0, 32) });
      expect([p, res.status, res.body.error?.code]).toEqual([p, 400, "CONFIRMATION_REQUIRED"]);
    }
    expect((await lab.exec(`kill -0 ${httpd.pid}`)).code).toBe(0);
  });

  it("reason: kept as text in the audit log with the reap done (200), or 400 VALIDATION with a newline", async () => {
    for (const p of payloads("reason")) {
      const res = await act({ ...reap(), reason: p });
      if (p.includes("\n")) expect(validation(res), p).toEqual([400, "VALIDATION", "reason"]);
      else expect([p, res.status, res.body.status]).toEqual([p, 200, "done"]);
    }
    const audit = await admin.call<{ events: { reason?: string | null }[] }>("GET", `/api/audit?serverId=${server.id}`);
    const reasons = audit.body.events.map((e) => e.reason);
    for (const p of payloads("reason").filter((x) => !x.includes("\n"))) expect(reasons).toContain(p);
  });

  it("the unit look's pid and startTime: 400 VALIDATION", async () => {
    for (const p of payloads("look")) {
      const q = encodeURIComponent(p);
      expect(validation(await admin.call<ErrorBody>("GET", `/api/servers/${server.id}/unit?pid=${httpd.pid}${q}&startTime=${httpd.startTime}`)), p).toEqual([400, "VALIDATION", "pid"]);
      expect(validation(await admin.call<ErrorBody>("GET", `/api/servers/${server.id}/unit?pid=${httpd.pid}&startTime=${httpd.startTime}${q}`)), p).toEqual([400, "VALIDATION", "startTime"]);
    }
  });
});

describe("snapshot ticket", () => {
  it("kept as text when it is one line (201), 400 VALIDATION with a newline", async () => {
    for (const p of payloads("ticket")) {
      const res = await admin.call<ErrorBody>("POST", "/api/snapshots", { scanId, ticket: `ZD-1${p}` });
      if (p.includes("\n")) expect(validation(res), p).toEqual([400, "VALIDATION", "ticket"]);
      else expect([p, res.status]).toEqual([p, 201]);
    }
  });
});

describe("afterwards", () => {
  it("no canary exists, on the host or in the lab's namespace, and the lab's httpd is untouched", async () => {
    expect(await canariesFound()).toEqual({ host: [], lab: [] });
    expect((await lab.exec(`kill -0 ${httpd.pid}`)).code).toBe(0);
  });
});
