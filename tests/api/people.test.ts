import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewToken, TokenInfo, User } from "@/lib/shared/auth/types";
import type { AuditEvent } from "@/lib/shared/audit/types";
import type { Account, AccountListItem, Person } from "@/lib/shared/people/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { storeContents } from "@/tests/support/store";

// Accounts, people and API tokens through the real built app.
type ErrorBody = { error: { code: string; message: string; field?: string } };

let app: AppServer;
let admin: ApiClient;

beforeAll(async () => {
  app = await startApp();
  admin = await ApiClient.login(app);
});
afterAll(async () => {
  await app?.stop();
});

const account = async (name: string) => {
  const res = await admin.call<Account>("POST", "/api/accounts", { name });
  expect(res.status).toBe(201);
  return res.body;
};
const addUser = (body: Record<string, unknown>) => admin.call<{ user: User } & ErrorBody>("POST", "/api/users", body);

describe("accounts", () => {
  it("are created, listed with their counts, renamed, and shown with their servers and people", async () => {
    const acme = await account("Acme Ltd");
    expect(acme).toMatchObject({ id: expect.stringMatching(/^acc_/), name: "Acme Ltd" });
    await addUser({ email: "carol@acme.test", password: "carol-password", role: "customer", accountId: acme.id });
    await admin.call("POST", "/api/servers", { name: "acme-web", host: "127.0.0.1", port: 22, username: "root", password: "pw", accountId: acme.id });
    const list = (await admin.call<{ accounts: AccountListItem[] }>("GET", "/api/accounts")).body.accounts;
    expect(list.find((a) => a.id === acme.id)).toMatchObject({ name: "Acme Ltd", servers: 1, people: 1 });
    const renamed = await admin.call<Account>("PATCH", `/api/accounts/${acme.id}`, { name: "Acme Hosting Ltd" });
    expect([renamed.status, renamed.body.name]).toEqual([200, "Acme Hosting Ltd"]);
    const detail = (await admin.call<Account & { servers: Server[]; people: Person[] }>("GET", `/api/accounts/${acme.id}`)).body;
    expect(detail.name).toBe("Acme Hosting Ltd");
    expect(detail.servers.map((s) => s.name)).toEqual(["acme-web"]);
    expect(detail.people.map((p) => [p.email, p.role, p.disabled])).toEqual([["carol@acme.test", "customer", false]]);
  });

  it.each([
    [{ name: "" }, 400, "VALIDATION", "name"],
    [{ name: "a\nb" }, 400, "VALIDATION", "name"],
    [{ name: "x".repeat(101) }, 400, "VALIDATION", "name"],
    [{ name: "ok", extra: 1 }, 400, "VALIDATION", "body"],
  ])("%j answers %i %s naming %s", async (body, status, code, field) => {
    const res = await admin.call<ErrorBody>("POST", "/api/accounts", body);
    expect([res.status, res.body.error.code, res.body.error.field]).toEqual([status, code, field]);
  });

  it("a taken name is 409 CONFLICT; an unknown account is 404", async () => {
    await account("Taken Inc");
    const res = await admin.call<ErrorBody>("POST", "/api/accounts", { name: "Taken Inc" });
    expect([res.status, res.body.error.code]).toEqual([409, "CONFLICT"]);
    expect((await admin.call("PATCH", "/api/accounts/acc_nope", { name: "x" })).status).toBe(404);
  });
});

describe("people", () => {
  it("customers need an account; staff may not have one; email is unique; unknown account is named", async () => {
    const acc = await account("People Co");
    const cases: [Record<string, unknown>, number, string, string | undefined][] = [
      [{ email: "c1@people.test", password: "password-1", role: "customer" }, 400, "VALIDATION", "accountId"],
      [{ email: "a1@people.test", password: "password-1", role: "agent", accountId: acc.id }, 400, "VALIDATION", "accountId"],
      [{ email: "c2@people.test", password: "password-1", role: "customer", accountId: "acc_missing" }, 400, "VALIDATION", "accountId"],
      [{ email: "not an email", password: "password-1", role: "agent" }, 400, "VALIDATION", "email"],
      [{ email: "short@people.test", password: "short", role: "agent" }, 400, "VALIDATION", "password"],
      [{ email: "r@people.test", password: "password-1", role: "root" }, 400, "VALIDATION", "role"],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await addUser(body);
      expect([res.status, res.body.error.code, res.body.error.field], JSON.stringify(body)).toEqual([status, code, field]);
    }
    expect((await addUser({ email: "Dup@People.test", password: "password-1", role: "agent" })).status).toBe(201);
    const dup = await addUser({ email: "dup@people.test", password: "password-1", role: "agent" });
    expect([dup.status, dup.body.error.code, dup.body.error.field]).toEqual([409, "CONFLICT", "email"]);
  });

  it("role and account change together; a staff role drops the account", async () => {
    const acc = await account("Movers");
    const { user } = (await addUser({ email: "mover@people.test", password: "password-1", role: "customer", accountId: acc.id })).body;
    const promoted = await admin.call<{ user: Person }>("PATCH", `/api/users/${user.id}`, { role: "agent" });
    expect(promoted.body.user).toMatchObject({ role: "agent", accountId: null, disabled: false });
    const back = await admin.call<ErrorBody>("PATCH", `/api/users/${user.id}`, { role: "customer" });
    expect([back.status, back.body.error.field]).toEqual([400, "accountId"]);
    const ok = await admin.call<{ user: Person }>("PATCH", `/api/users/${user.id}`, { role: "customer", accountId: acc.id });
    expect(ok.body.user).toMatchObject({ role: "customer", accountId: acc.id });
    expect((await admin.call<ErrorBody>("PATCH", `/api/users/${user.id}`, {})).status).toBe(400);
  });

  it("the last enabled admin cannot be deleted, disabled or demoted (409 LAST_ADMIN)", async () => {
    const me = (await admin.call<{ user: User }>("GET", "/api/me")).body.user;
    for (const [method, body] of [["DELETE", undefined], ["PATCH", { disabled: true }], ["PATCH", { role: "agent" }]] as const) {
      const res = await admin.call<ErrorBody>(method, `/api/users/${me.id}`, body);
      expect([res.status, res.body.error.code]).toEqual([409, "LAST_ADMIN"]);
    }
    expect((await admin.call("GET", "/api/me")).status).toBe(200);
  });

  it("every change to people and accounts is in the audit log", async () => {
    const events = await admin.call<{ events: AuditEvent[] }>("GET", "/api/audit?limit=500");
    const kinds = new Set(events.body.events.map((e) => `${e.kind}:${e.action ?? ""}`));
    for (const k of ["account:create", "account:rename", "person:create", "person:update"]) expect(kinds).toContain(k);
  });
});

describe("API tokens", () => {
  it("are shown once, listed without their secret, stored hashed, and act as their owner", async () => {
    const created = await admin.call<NewToken>("POST", "/api/tokens", { name: "Ticket system" });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^rpr_[A-Za-z0-9_-]{43}$/);
    const listed = (await admin.call<{ tokens: TokenInfo[] }>("GET", "/api/tokens")).body.tokens.find((t) => t.id === created.body.id);
    expect(listed).toEqual({ id: created.body.id, name: "Ticket system", createdAt: created.body.createdAt, lastUsedAt: null });
    expect(JSON.stringify(await admin.call("GET", "/api/tokens"))).not.toContain(created.body.token);
    const db = (await storeContents(app)).toString("latin1");
    expect(db).not.toContain(created.body.token);

    const bot = ApiClient.bearer(app, created.body.token);
    expect((await bot.call<{ user: User }>("GET", "/api/me")).body.user.role).toBe("admin");
    // Not a cookie: no Origin needed, and a foreign one changes nothing.
    const made = await bot.call("POST", "/api/accounts", { name: "Made by a token" }, { origin: "https://evil.example" });
    expect(made.status).toBe(201);
    const used = (await admin.call<{ tokens: TokenInfo[] }>("GET", "/api/tokens")).body.tokens.find((t) => t.id === created.body.id);
    expect(used?.lastUsedAt).not.toBeNull();

    expect((await admin.call("DELETE", `/api/tokens/${created.body.id}`)).status).toBe(204);
    const after = await bot.call<ErrorBody>("GET", "/api/me");
    expect([after.status, after.body.error.code]).toEqual([401, "UNAUTHENTICATED"]);
  });

  it.each([
    ["an unknown token", "Bearer rpr_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"],
    ["a session-looking secret", "Bearer abc"],
    ["no token", "Bearer"],
    ["another scheme", "Basic YWRtaW46YWRtaW4="],
  ])("%s answers 401, even with a valid cookie alongside", async (_, authorization) => {
    const res = await admin.call<ErrorBody>("GET", "/api/me", undefined, { authorization });
    expect([res.status, res.body.error.code]).toEqual([401, "UNAUTHENTICATED"]);
  });

  it("a customer's token does nothing beyond the customer's rights", async () => {
    const acc = await account("Token Customer");
    await addUser({ email: "tok@customer.test", password: "password-1", role: "customer", accountId: acc.id });
    const customer = await ApiClient.login(app, { email: "tok@customer.test", password: "password-1" });
    const own = await admin.call<Server>("POST", "/api/servers", { name: "tok-own", host: "127.0.0.1", port: 22, username: "root", password: "pw", accountId: acc.id });
    const other = await admin.call<Server>("POST", "/api/servers", { name: "tok-other", host: "127.0.0.1", port: 22, username: "root", password: "pw" });
    const token = (await customer.call<NewToken>("POST", "/api/tokens", { name: "monitoring" })).body.token;
    const bot = ApiClient.bearer(app, token);
    expect((await bot.call<{ servers: Server[] }>("GET", "/api/servers")).body.servers.map((s) => s.id)).toEqual([own.body.id]);
    const refusals: [string, string, unknown, number][] = [
      ["POST", "/api/servers", { name: "sneaky", host: "127.0.0.1", username: "root", password: "pw" }, 403],
      ["PATCH", `/api/servers/${own.body.id}`, { hostKeyFingerprint: `SHA256:${"A".repeat(43)}` }, 403],
      ["DELETE", `/api/servers/${own.body.id}`, undefined, 403],
      ["GET", `/api/servers/${other.body.id}`, undefined, 404],
      ["POST", "/api/users", { email: "x@x.test", password: "password-1", role: "admin" }, 403],
      ["GET", "/api/accounts", undefined, 403],
      ["POST", `/api/servers/${other.body.id}/actions`, { action: "reap", pid: 10, startTime: 1 }, 404],
    ];
    for (const [method, url, body, status] of refusals) expect((await bot.call(method, url, body)).status, `${method} ${url}`).toBe(status);
    expect((await admin.call<Server>("GET", `/api/servers/${own.body.id}`)).body.hostKeyFingerprint).toBeNull();
  });

  it("a token name is required and plain", async () => {
    for (const name of ["", "a\u202eb", "x".repeat(101)]) {
      const res = await admin.call<ErrorBody>("POST", "/api/tokens", { name });
      expect([res.status, res.body.error.field]).toEqual([400, "name"]);
    }
    expect((await admin.call("DELETE", "/api/tokens/tok_missing")).status).toBe(404);
  });
});

describe("GET /api/health", () => {
  it("answers without a login when the store answers", async () => {
    const res = await ApiClient.anonymous(app).call("GET", "/api/health");
    expect([res.status, res.body]).toEqual([200, { ok: true }]);
  });
});

// Last: one of the two admins here is gone afterwards.
describe("the last admin under parallel requests", () => {
  it("two admins deleting each other at the same moment: exactly one of them stays", async () => {
    const creds = { email: "admin-a@people.test", password: "password-a" };
    const a = (await addUser({ ...creds, role: "admin" })).body.user;
    const asA = await ApiClient.login(app, creds);
    const me = (await admin.call<{ user: User }>("GET", "/api/me")).body.user;
    const [byMe, byA] = await Promise.all([admin.call("DELETE", `/api/users/${a.id}`), asA.call("DELETE", `/api/users/${me.id}`)]);
    expect([byMe.status, byA.status].filter((s) => s === 204)).toHaveLength(1);
    const survivor = byMe.status === 204 ? admin : asA;
    const admins = (await survivor.call<{ users: Person[] }>("GET", "/api/users")).body.users.filter((u) => u.role === "admin" && !u.disabled);
    expect(admins).toHaveLength(1);
  });
});
