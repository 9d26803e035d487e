import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateClientKey } from "@/lab/keys";
import { API_DECISIONS, PAGE_DECISIONS } from "@/tests/api/authorization-matrix.table";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { closedPort } from "@/tests/support/ports";

// Input found by fuzzing and by trying the app as an operator would: malformed %-escapes in ids,
// ids of things that do not exist, and typed text with characters that would not show.
type ErrorBody = { error: { code: string; message: string; field?: string } };

let app: AppServer;
let admin: ApiClient;
let serverId: string;
let privateKey: string;

beforeAll(async () => {
  app = await startApp();
  admin = await ApiClient.login(app);
  privateKey = (await generateClientKey("ed25519")).privateKey;
  // Nothing listens on its port: every request below is refused before any connection.
  const created = await admin.call<{ id: string }>("POST", "/api/servers", { name: "web-01", host: "127.0.0.1", port: await closedPort(), username: "deploy", privateKey });
  expect(created.status).toBe(201);
  serverId = created.body.id;
});
afterAll(async () => {
  await app?.stop();
});

const BAD_ESCAPES = ["%ff", "%e2%82", "%ZZ", "%", "a%ff%fe"];

describe("malformed %-escapes where an id goes", () => {
  // Snapshot links (/s/...) are public pages, not API: they answer an HTML 404 to anyone, below.
  const isLink = (k: string) => k.includes(" /s/");
  const routes = Object.keys(API_DECISIONS).filter((k) => k.includes("[") && !isLink(k));
  const links = Object.keys(API_DECISIONS).filter(isLink);
  const pages = Object.keys(PAGE_DECISIONS).filter((k) => k.includes("["));

  // An empty body may be refused before the id is looked up: 400 VALIDATION is the contract's answer then.
  const CONTRACT = [JSON.stringify([404, "NOT_FOUND"]), JSON.stringify([400, "VALIDATION"])];

  it.each(routes)("%s: 404 NOT_FOUND (or 400 VALIDATION for the empty body) in the contract's JSON, for every malformed escape", async (key) => {
    const [method = "", pattern = ""] = key.split(" ");
    for (const bad of BAD_ESCAPES) {
      const url = pattern.replace(/\[\w+\]/g, bad) + (key.endsWith("/unit") ? "?pid=1&startTime=1" : "");
      const res = await admin.call<ErrorBody>(method, url, method === "GET" || method === "DELETE" ? undefined : {});
      expect(CONTRACT, `${key} at ${url}: ${res.status} ${JSON.stringify(res.body)}`).toContain(JSON.stringify([res.status, res.body.error?.code]));
      if (method === "GET" || method === "DELETE") expect(res.status).toBe(404);
    }
  });

  it.each(routes)("%s without a session: 401, not 500", async (key) => {
    const [method = "", pattern = ""] = key.split(" ");
    const res = await ApiClient.anonymous(app).call<ErrorBody>(method, pattern.replace(/\[\w+\]/g, "%ff"));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });

  it.each(links)("%s: the link's 404 page for anyone, for every malformed escape", async (key) => {
    const pattern = key.split(" ")[1] ?? "";
    for (const bad of BAD_ESCAPES) {
      const res = await fetch(`${app.baseUrl}${pattern.replace(/\[\w+\]/g, bad)}`, { redirect: "manual" });
      expect([bad, res.status]).toEqual([bad, 404]);
      expect(await res.text()).not.toContain("Internal Server Error");
    }
  });

  it.each(pages)("page %s: the 404 page for a logged-in person, the login page for anyone else", async (pattern) => {
    for (const bad of BAD_ESCAPES) {
      const url = pattern.replace(/\[\w+\]/g, bad);
      const page = await fetch(`${app.baseUrl}${url}`, { headers: { cookie: admin.cookie ?? "" }, redirect: "manual" });
      expect([url, page.status]).toEqual([url, 404]);
      expect(await page.text()).not.toContain("Internal Server Error");
      const anonymous = await fetch(`${app.baseUrl}${url}`, { redirect: "manual" });
      expect([url, anonymous.status, new URL(anonymous.headers.get("location") ?? "", app.baseUrl).pathname]).toEqual([url, 307, "/login"]);
    }
  });
});

describe("an account that does not exist", () => {
  it("POST /api/servers: 400 VALIDATION naming accountId, and nothing is stored", async () => {
    const before = (await admin.call<{ servers: unknown[] }>("GET", "/api/servers")).body.servers.length;
    const res = await admin.call<ErrorBody>("POST", "/api/servers", { name: "ghost", host: "127.0.0.1", username: "deploy", privateKey, accountId: "acc_does_not_exist" });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "VALIDATION", field: "accountId", message: expect.stringMatching(/^accountId: no such account/) });
    expect((await admin.call<{ servers: unknown[] }>("GET", "/api/servers")).body.servers.length).toBe(before);
  });

  it("PATCH /api/servers/:id: 400 VALIDATION naming accountId, and the server keeps its account", async () => {
    const res = await admin.call<ErrorBody>("PATCH", `/api/servers/${serverId}`, { accountId: "acc_does_not_exist" });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "VALIDATION", field: "accountId" });
    expect((await admin.call<{ accountId: string | null }>("GET", `/api/servers/${serverId}`)).body.accountId).toBeNull();
  });
});

describe("typed text that would not show as itself", () => {
  // NUL, ESC (a terminal escape), a newline, DEL, a C1 control, zero-width space, right-to-left override, an isolate.
  const HIDDEN = ["\u0000", "\u001b[31m", "\n", "\u007f", "\u0085", "\u200b", "\u202e", "\u2066"];
  const fields: [string, string, string, (text: string) => unknown, string][] = [
    ["server name (new)", "POST", "/api/servers", (t) => ({ name: `web${t}01`, host: "127.0.0.1", username: "deploy", privateKey }), "name"],
    ["server name (edit)", "PATCH", "/api/servers/:server", (t) => ({ name: `web${t}01` }), "name"],
    ["account name", "POST", "/api/accounts", (t) => ({ name: `Acme${t}Corp` }), "name"],
    ["token name", "POST", "/api/tokens", (t) => ({ name: `ci${t}token` }), "name"],
    ["action reason", "POST", "/api/servers/:server/actions", (t) => ({ action: "reap", pid: 4242, startTime: 1, reason: `stuck${t}` }), "reason"],
    ["login email", "POST", "/api/auth/login", (t) => ({ email: `admin${t}@example.com`, password: "whatever" }), "email"],
  ];

  it.each(fields)("%s: 400 VALIDATION naming the field, for each hidden character", async (_what, method, pattern, body, field) => {
    for (const hidden of HIDDEN) {
      const res = await admin.call<ErrorBody>(method, pattern.replace(":server", serverId), body(hidden));
      expect([JSON.stringify(hidden), res.status, res.body.error?.field]).toEqual([JSON.stringify(hidden), 400, field]);
      expect(res.body.error.message).toMatch(new RegExp(`^${field}: must not contain control or invisible characters`));
    }
  });

  it("nothing was stored under such a name", async () => {
    const servers = (await admin.call<{ servers: { name: string }[] }>("GET", "/api/servers")).body.servers;
    expect(servers.map((s) => s.name)).toEqual(["web-01"]);
    const accounts = (await admin.call<{ accounts: { name: string }[] }>("GET", "/api/accounts")).body.accounts;
    expect(accounts.filter((a) => a.name.startsWith("Acme"))).toEqual([]);
  });

  it("letters of any script still pass: Zoë's café, Ελλάδα, 東京, عربي", async () => {
    const res = await admin.call<{ name: string }>("PATCH", `/api/servers/${serverId}`, { name: "Zoë's café Ελλάδα 東京 عربي" });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe("Zoë's café Ελλάδα 東京 عربي");
    await admin.call("PATCH", `/api/servers/${serverId}`, { name: "web-01" });
  });
});
