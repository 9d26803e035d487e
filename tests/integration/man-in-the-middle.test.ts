import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import { generateClientKey } from "@/lab/keys";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient, type ApiAnswer } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { connect, sshExec } from "@/tests/lab/ssh-client";

// A man in the middle: the server Reaper knows is stopped and an impostor with another host key
// starts on the very same address and port. The impostor would even accept Reaper's client key, so
// only the pinned host key stands between them: scans and actions are refused with
// HOST_KEY_MISMATCH, the impostor's shell never runs a command (its rc file logs every one), and the
// pinned fingerprint stays the genuine one.
type ErrorBody = { error: { code: string; message: string; pinned?: string; presented?: string; outcome?: string } };

let app: AppServer;
let api: ApiClient;
let genuine: LabServer;
let impostor: LabServer | undefined;
let server: Server;
let httpd: { pid: number; startTime: number };
const commandLog = path.join(mkdtempSync(path.join(tmpdir(), "reaper-mitm-")), "commands");
// root's ~/.bashrc on the impostor: bash reads it for every command sshd runs.
const LOGGING_RC = `printf '%s\\n' "ran: $BASH_EXECUTION_STRING" >> ${commandLog}\n`;

beforeAll(async () => {
  const scenario = { parents: [{ comm: "httpd", zombies: 3 }] };
  const key = await generateClientKey("ed25519");
  [app, genuine] = await Promise.all([startApp(), startLabServer({ name: "mitm-genuine", scenario })]);
  await genuine.authorizeKey(key.publicKey);
  api = await ApiClient.login(app);
  const created = await api.call<Server>("POST", "/api/servers", { name: "shop-web", host: genuine.host, port: genuine.port, username: "root", privateKey: key.privateKey });
  expect(created.status).toBe(201);
  server = created.body;
  const scanned = await api.call<Scan>("POST", `/api/servers/${server.id}/scans`);
  expect(scanned.status).toBe(201);
  const p = scanned.body.parents.find((x) => x.comm === "httpd");
  if (!p) throw new Error("no httpd in the genuine server's scan");
  httpd = { pid: p.pid, startTime: p.startTime };
  // The first scan pinned the genuine key.
  server = (await api.call<Server>("GET", `/api/servers/${server.id}`)).body;
  expect(server.hostKeyFingerprint).toBe(genuine.hostKeyFingerprint);

  // The swap: same address, same port, same processes, another host key, Reaper's key accepted.
  await genuine.stop();
  impostor = await startLabServer({ name: "mitm-impostor", port: genuine.port, scenario, rcFile: LOGGING_RC });
  await impostor.authorizeKey(key.publicKey);
});
afterAll(async () => {
  await Promise.all([app?.stop(), impostor?.stop()]);
  rmSync(path.dirname(commandLog), { recursive: true, force: true });
});

const loggedCommands = (): string[] => {
  try {
    return readFileSync(commandLog, "utf8").split("\n").filter(Boolean);
  } catch {
    return [];
  }
};

/** The pooled connection to the stopped server may not know it is gone: a call sent on it is lost
 * (502, outcome unknown) and the pool drops it; the next call dials afresh. */
async function afterPoolNoticed(call: () => Promise<ApiAnswer<ErrorBody>>): Promise<ApiAnswer<ErrorBody>> {
  const first = await call();
  if (first.status !== 502) return first;
  expect(first.body.error.code).toBe("SSH_UNREACHABLE");
  return call();
}

describe("an impostor on the known server's address and port", () => {
  it("runs commands for anyone it accepts: its rc file logs them (the control)", async () => {
    if (!impostor) throw new Error("no impostor");
    expect(impostor.host).toBe(genuine.host);
    expect(impostor.port).toBe(genuine.port);
    expect(impostor.hostKeyFingerprint).not.toBe(server.hostKeyFingerprint);
    const client = await connect(impostor.port, impostor.hostKeyFingerprint, { username: "root", privateKey: impostor.privateKey });
    try {
      expect((await sshExec(client, "true")).code).toBe(0);
    } finally {
      client.end();
    }
    expect(loggedCommands()).toEqual(["ran: true"]);
    rmSync(commandLog);
  });

  it("a scan is refused with 409 HOST_KEY_MISMATCH naming both keys", async () => {
    const res = await afterPoolNoticed(() => api.call<ErrorBody>("POST", `/api/servers/${server.id}/scans`));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "HOST_KEY_MISMATCH", pinned: server.hostKeyFingerprint, presented: impostor?.hostKeyFingerprint });
    expect(res.body.error.message).toContain(server.hostKeyFingerprint);
    expect(res.body.error.message).toContain(impostor?.hostKeyFingerprint);
  });

  it("an action and the unit look are refused the same way", async () => {
    const reap = await afterPoolNoticed(() => api.call<ErrorBody>("POST", `/api/servers/${server.id}/actions`, { action: "reap", ...httpd }));
    expect([reap.status, reap.body.error.code]).toEqual([409, "HOST_KEY_MISMATCH"]);
    const look = await afterPoolNoticed(() => api.call<ErrorBody>("GET", `/api/servers/${server.id}/unit?pid=${httpd.pid}&startTime=${httpd.startTime}`));
    expect([look.status, look.body.error.code]).toEqual([409, "HOST_KEY_MISMATCH"]);
  });

  it("nothing ran on the impostor, its zombies are untouched, and the pinned key is still the genuine one", async () => {
    expect(loggedCommands()).toEqual([]);
    expect(impostor?.expected.zombies).toBe(3);
    const zombies = await impostor?.exec("ps -A -o stat= | grep -c '^Z'");
    expect(zombies?.stdout.trim()).toBe("3");
    const after = await api.call<Server>("GET", `/api/servers/${server.id}`);
    expect(after.body.hostKeyFingerprint).toBe(genuine.hostKeyFingerprint);
  });
});
