import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { storeContents } from "@/tests/support/store";

type ServerBody = Record<string, unknown> & { id: string; hostKeyFingerprint: string | null };
type ErrorBody = { error: { code: string; message: string } };

let app: AppServer;
let api: ApiClient;
let privateKey: string;
let encryptedKey: string;

function makeKey(passphrase: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reaper-key-"));
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", passphrase, "-C", "", "-f", path.join(dir, "k")]);
  const key = fs.readFileSync(path.join(dir, "k"), "utf8");
  fs.rmSync(dir, { recursive: true });
  return key;
}

beforeAll(async () => {
  // Debug logging, so the no-secrets-in-logs check below sees every line the app can write.
  app = await startApp({ REAPER_LOG_LEVEL: "debug" });
  api = await ApiClient.login(app);
  privateKey = makeKey("");
  encryptedKey = makeKey("correct horse");
});
afterAll(async () => {
  await app?.stop();
});

const valid = () => ({ name: "web-01", host: "127.0.0.1", port: 22, username: "root", privateKey });

describe("POST /api/servers validation", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["missing name", { name: undefined }, "name"],
    ["blank name", { name: "  " }, "name"],
    ["host starting with -", { host: "-oProxyCommand=sh" }, "host"],
    ["host with a space", { host: "web 01" }, "host"],
    ["host with ;", { host: "web01;rm -rf /" }, "host"],
    ["host with $()", { host: "$(id)" }, "host"],
    ["host with backticks", { host: "`id`" }, "host"],
    ["host with |", { host: "a|b" }, "host"],
    ["host with a newline", { host: "a\nb" }, "host"],
    ["empty host", { host: "" }, "host"],
    ["port 0", { port: 0 }, "port"],
    ["port 70000", { port: 70000 }, "port"],
    ["port as text", { port: "22" }, "port"],
    ["username starting with -", { username: "-oX" }, "username"],
    ["username with a space", { username: "a b" }, "username"],
    ["not a key", { privateKey: "hello" }, "privateKey"],
    ["garbage inside key armour", { privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n" }, "privateKey"],
    ["no credentials", { privateKey: undefined }, "privateKey"],
    ["key and password", { password: "pw" }, "password"],
    ["bad fingerprint", { hostKeyFingerprint: "MD5:aa:bb" }, "hostKeyFingerprint"],
    ["unknown field", { shell: "bash" }, "body"],
  ];

  it.each(cases)("%s → 400 VALIDATION naming %s", async (_, change, field) => {
    const res = await api.call<ErrorBody>("POST", "/api/servers", { ...valid(), ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION");
    if (field !== "body") expect(res.body.error.message.startsWith(`${field}:`)).toBe(true);
  });

  it.each([
    ["no passphrase for an encrypted key", undefined],
    ["a wrong passphrase", "wrong"],
  ])("refuses %s, naming passphrase", async (_, passphrase) => {
    const res = await api.call<ErrorBody>("POST", "/api/servers", { ...valid(), privateKey: encryptedKey, passphrase });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^passphrase:/);
  });

  it.each(["web-01.example.com", "10.0.0.5", "::1", "localhost"])("accepts host %s", async (host) => {
    const res = await api.call<ServerBody>("POST", "/api/servers", { ...valid(), host });
    expect(res.status).toBe(201);
  });
});

describe("server lifecycle", () => {
  it("creates, lists, edits and deletes a server without ever answering a secret", async () => {
    const created = await api.call<ServerBody>("POST", "/api/servers", { ...valid(), privateKey: encryptedKey, passphrase: "correct horse" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "web-01", host: "127.0.0.1", port: 22, username: "root", authType: "key", hostKeyFingerprint: null, accountId: null, useSudo: false, jumpServerId: null, scanIntervalMinutes: null, lastScan: null });
    expect(Object.keys(created.body).sort()).toEqual(["accountId", "authType", "createdAt", "host", "hostKeyFingerprint", "id", "jumpServerId", "lastScan", "name", "port", "scanIntervalMinutes", "useSudo", "username"]);
    const id = created.body.id;

    const list = await api.call<{ servers: ServerBody[] }>("GET", "/api/servers");
    expect(list.body.servers.map((s) => s.id)).toContain(id);

    const fp = `SHA256:${"b".repeat(43)}`;
    const pinned = await api.call<ServerBody>("PATCH", `/api/servers/${id}`, { name: "web-01b", hostKeyFingerprint: fp });
    expect(pinned.body).toMatchObject({ name: "web-01b", hostKeyFingerprint: fp });

    // A new address is a new machine: its old pin no longer applies.
    const moved = await api.call<ServerBody>("PATCH", `/api/servers/${id}`, { host: "127.0.0.2" });
    expect(moved.body.hostKeyFingerprint).toBeNull();

    const toPassword = await api.call<ServerBody>("PATCH", `/api/servers/${id}`, { password: "s3cret-pass" });
    expect(toPassword.body.authType).toBe("password");

    const everything = JSON.stringify([created.body, list.body, pinned.body, moved.body, toPassword.body]);
    for (const secret of ["correct horse", "PRIVATE KEY", "s3cret-pass"]) expect(everything).not.toContain(secret);

    expect((await api.call("DELETE", `/api/servers/${id}`)).status).toBe(204);
    expect((await api.call<ErrorBody>("GET", `/api/servers/${id}`)).body.error.code).toBe("NOT_FOUND");
  });

  it("stores secrets sealed: the store holds no key, passphrase or password", async () => {
    await api.call("POST", "/api/servers", { ...valid(), name: "sealed", privateKey: encryptedKey, passphrase: "correct horse" });
    await api.call("POST", "/api/servers", { name: "pw", host: "127.0.0.1", username: "root", password: "another-s3cret" });
    const bytes = await storeContents(app);
    for (const secret of ["correct horse", "OPENSSH PRIVATE KEY", "another-s3cret", encryptedKey.split("\n")[1] ?? "x"]) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    // Without REAPER_SECRET_KEY (SQLite only: PostgreSQL requires it) the key is made into the data dir, owner-only.
    const keyFile = path.join(app.dataDir, "secret.key");
    expect(fs.existsSync(keyFile)).toBe(app.databaseUrl === null);
    if (app.databaseUrl === null) expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(app.logs()).toContain("api.request");
    for (const secret of ["correct horse", "PRIVATE KEY", "another-s3cret"]) expect(app.logs()).not.toContain(secret);
  });

  it("unknown ids answer 404 NOT_FOUND", async () => {
    for (const [method, p] of [["GET", "/api/servers/srv_nope"], ["DELETE", "/api/servers/srv_nope"], ["GET", "/api/scans/scn_nope"], ["POST", "/api/servers/srv_nope/scans"]] as const) {
      const res = await api.call<ErrorBody>(method, p);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
  });

  it("GET scans validates its limit", async () => {
    const id = (await api.call<ServerBody>("POST", "/api/servers", valid())).body.id;
    const res = await api.call<ErrorBody>("GET", `/api/servers/${id}/scans?limit=0`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^limit:/);
  });
});

describe("jump hosts (jumpServerId)", () => {
  const make = async (name: string, jumpServerId?: string | null) => {
    const res = await api.call<ServerBody & ErrorBody>("POST", "/api/servers", { ...valid(), name, ...(jumpServerId !== undefined && { jumpServerId }) });
    return res;
  };
  const refusal = (res: { status: number; body: ErrorBody }) => [res.status, res.body.error?.code, res.body.error?.message] as const;

  it("a server names another saved server as its jump host, and the answer carries it", async () => {
    const bastion = (await make("bastion-a")).body;
    const target = await make("behind-a", bastion.id);
    expect(target.status).toBe(201);
    expect(target.body.jumpServerId).toBe(bastion.id);
    const cleared = await api.call<ServerBody>("PATCH", `/api/servers/${target.body.id}`, { jumpServerId: null });
    expect(cleared.body.jumpServerId).toBeNull();
  });

  it.each([
    ["an unknown server", "srv_nope", /^jumpServerId: no saved server you may use has this id/],
    ["an empty id", "", /^jumpServerId: must be the id of another saved server/],
    ["a number", 5, /^jumpServerId: must be the id of another saved server/],
  ])("refuses %s with 400 VALIDATION", async (_, jumpServerId, message) => {
    const res = await api.call<ErrorBody & { error: { field?: string } }>("POST", "/api/servers", { ...valid(), jumpServerId });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "VALIDATION", field: "jumpServerId" });
    expect(res.body.error.message).toMatch(message);
  });

  it("refuses a server as its own jump host, a loop, and a chain longer than two", async () => {
    const a = (await make("chain-a")).body;
    const b = (await make("chain-b", a.id)).body; // b → a
    const c = (await make("chain-c", b.id)).body; // c → b → a: two jumps, allowed
    expect(c.jumpServerId).toBe(b.id);

    const self = await api.call<ErrorBody>("PATCH", `/api/servers/${a.id}`, { jumpServerId: a.id });
    expect(refusal(self)).toEqual([400, "VALIDATION", expect.stringMatching(/^jumpServerId: a server cannot be its own jump host/)]);

    const loop = await api.call<ErrorBody>("PATCH", `/api/servers/${a.id}`, { jumpServerId: c.id });
    expect(refusal(loop)).toEqual([400, "VALIDATION", expect.stringMatching(/^jumpServerId: chain-c already connects through chain-a: jumping through it would make a loop/)]);

    const three = await make("chain-d", c.id); // d → c → b → a
    expect(refusal(three)).toEqual([400, "VALIDATION", expect.stringMatching(/^jumpServerId: that makes a chain of 3 jump hosts \(chain-d → chain-c → chain-b → chain-a\)/)]);

    // a gaining a jump host would make c's chain three long, even though a's own is one.
    const x = (await make("chain-x")).body;
    const deeper = await api.call<ErrorBody>("PATCH", `/api/servers/${a.id}`, { jumpServerId: x.id });
    expect(refusal(deeper)).toEqual([400, "VALIDATION", expect.stringMatching(/for the servers that connect through chain-a/)]);
  });

  it("two edits at once cannot build a loop between them", async () => {
    const p = (await make("race-p")).body;
    const q = (await make("race-q")).body;
    const [one, two] = await Promise.all([
      api.call<ServerBody & ErrorBody>("PATCH", `/api/servers/${p.id}`, { jumpServerId: q.id }),
      api.call<ServerBody & ErrorBody>("PATCH", `/api/servers/${q.id}`, { jumpServerId: p.id }),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 400]);
  });

  it("refuses to delete a server that others connect through, naming them", async () => {
    const bastion = (await make("bastion-del")).body;
    const target = (await make("behind-del", bastion.id)).body;
    const res = await api.call<ErrorBody>("DELETE", `/api/servers/${bastion.id}`);
    expect(refusal(res)).toEqual([409, "CONFLICT", expect.stringMatching(/^bastion-del is the jump host of behind-del/)]);
    expect((await api.call("DELETE", `/api/servers/${target.id}`)).status).toBe(204);
    expect((await api.call("DELETE", `/api/servers/${bastion.id}`)).status).toBe(204);
  });
});

describe("who may change servers", () => {
  type Event = { kind: string; action?: string; result: string; code?: string; serverId: string | null; message: string; actor: { email: string } };
  const customerCreds = { email: "cust@servers.test", password: "customer-pw-1" };
  let customer: ApiClient;
  let accountId: string;
  let own: ServerBody;
  let foreign: ServerBody;

  beforeAll(async () => {
    accountId = (await api.call<{ id: string }>("POST", "/api/accounts", { name: "Servers Test Customer" })).body.id;
    await api.call("POST", "/api/users", { ...customerCreds, role: "customer", accountId });
    customer = await ApiClient.login(app, customerCreds);
    own = (await api.call<ServerBody>("POST", "/api/servers", { ...valid(), name: "cust-own", accountId, hostKeyFingerprint: `SHA256:${"c".repeat(43)}` })).body;
    foreign = (await api.call<ServerBody>("POST", "/api/servers", { ...valid(), name: "someone-elses" })).body;
  });

  it("a customer may not add, edit, re-pin or delete, even on its own server; another's is 404", async () => {
    const tries: [string, string, unknown, number][] = [
      ["POST", "/api/servers", { ...valid(), name: "mine-now" }, 403],
      ["PATCH", `/api/servers/${own.id}`, { name: "renamed" }, 403],
      ["PATCH", `/api/servers/${own.id}`, { hostKeyFingerprint: `SHA256:${"d".repeat(43)}` }, 403],
      ["POST", `/api/servers/${own.id}/host-key`, { fingerprint: `SHA256:${"d".repeat(43)}` }, 403],
      ["DELETE", `/api/servers/${own.id}`, undefined, 403],
      ["PATCH", `/api/servers/${foreign.id}`, { name: "x" }, 404],
      ["DELETE", `/api/servers/${foreign.id}`, undefined, 404],
    ];
    for (const [method, url, body, status] of tries) {
      const res = await customer.call<ErrorBody>(method, url, body);
      expect([res.status, res.body.error.code], `${method} ${url}`).toEqual([status, status === 403 ? "FORBIDDEN" : "NOT_FOUND"]);
    }
    expect((await api.call<ServerBody>("GET", `/api/servers/${own.id}`)).body).toMatchObject({ name: "cust-own", hostKeyFingerprint: `SHA256:${"c".repeat(43)}` });
  });

  it("staff change a pinned key through the host-key route, not PATCH (unless the server moved)", async () => {
    const refused = await api.call<ErrorBody & { error: { field?: string } }>("PATCH", `/api/servers/${own.id}`, { hostKeyFingerprint: `SHA256:${"e".repeat(43)}` });
    expect([refused.status, refused.body.error.code, refused.body.error.field]).toEqual([400, "VALIDATION", "hostKeyFingerprint"]);
    expect(refused.body.error.message).toMatch(/host-key/);
    const moved = await api.call<ServerBody>("PATCH", `/api/servers/${own.id}`, { host: "127.0.0.3", hostKeyFingerprint: `SHA256:${"e".repeat(43)}` });
    expect([moved.status, moved.body.hostKeyFingerprint]).toEqual([200, `SHA256:${"e".repeat(43)}`]);
  });

  it("an unknown account is a VALIDATION error naming accountId", async () => {
    const res = await api.call<ErrorBody & { error: { field?: string } }>("POST", "/api/servers", { ...valid(), accountId: "acc_nope" });
    expect([res.status, res.body.error.field]).toEqual([400, "accountId"]);
  });

  it("every creation, edit and deletion is audited, refusals included, without secrets", async () => {
    const made = (await api.call<ServerBody>("POST", "/api/servers", { name: "audited", host: "127.0.0.1", username: "root", password: "audit-s3cret" })).body;
    await api.call("PATCH", `/api/servers/${made.id}`, { name: "audited-2", password: "audit-s3cret-2" });
    await api.call("DELETE", `/api/servers/${made.id}`);
    const { events } = (await api.call<{ events: Event[] }>("GET", "/api/audit?limit=500")).body;
    const mine = events.filter((e) => e.kind === "server" && e.serverId === made.id).map((e) => [e.action, e.result]);
    expect(mine).toEqual([
      ["delete", "done"],
      ["update", "done"],
      ["create", "done"],
    ]);
    expect(events.filter((e) => e.kind === "server" && e.serverId === made.id).map((e) => e.message)).toEqual([
      "deleted server audited-2 (127.0.0.1:22) and its scans",
      "edited server audited-2: name, password",
      "added server audited (127.0.0.1:22)",
    ]);
    const refusals = events.filter((e) => e.kind === "server" && e.actor.email === customerCreds.email);
    expect(refusals.length).toBeGreaterThanOrEqual(5);
    expect(refusals.every((e) => e.result === "refused" && (e.code === "FORBIDDEN" || e.code === "NOT_FOUND"))).toBe(true);
    // A server the customer may not see is recorded without its id.
    expect(refusals.filter((e) => e.code === "NOT_FOUND").every((e) => e.serverId === null)).toBe(true);
    expect(JSON.stringify(events)).not.toContain("audit-s3cret");
    // The customer sees what was done to its own servers, and nothing of the others'.
    const theirs = (await customer.call<{ events: Event[] }>("GET", "/api/audit?limit=500")).body.events;
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((e) => e.serverId === own.id)).toBe(true);
  });
});
