import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewToken, SessionInfo } from "@/lib/shared/auth/types";
import { ApiClient } from "@/tests/support/api-client";
import { ADMIN, startApp, type AppServer } from "@/tests/support/app-server";

let app: AppServer;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

// Every /api route but login, with a body where it takes one: none may answer anonymously.
const routes: [string, string, unknown?][] = [
  ["GET", "/api/me"],
  ["POST", "/api/auth/logout"],
  ["GET", "/api/servers"],
  ["POST", "/api/servers", { name: "x", host: "127.0.0.1", username: "root", password: "pw" }],
  ["GET", "/api/servers/srv_x"],
  ["PATCH", "/api/servers/srv_x", { name: "y" }],
  ["DELETE", "/api/servers/srv_x"],
  ["POST", "/api/servers/srv_x/host-key", { fingerprint: `SHA256:${"A".repeat(43)}` }],
  ["POST", "/api/servers/srv_x/scans"],
  ["GET", "/api/servers/srv_x/scans"],
  ["GET", "/api/scans/scn_x"],
  ["GET", "/api/sessions"],
  ["DELETE", "/api/sessions/ses_x"],
  ["GET", "/api/tokens"],
  ["POST", "/api/tokens", { name: "x" }],
  ["GET", "/api/accounts"],
  ["GET", "/api/users"],
];

describe("anonymous callers", () => {
  it.each(routes)("%s %s answers 401 UNAUTHENTICATED", async (method, path, body) => {
    const res = await ApiClient.anonymous(app).call<{ error: { code: string } }>(method, path, body);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("a bogus session cookie is no session", async () => {
    const res = await ApiClient.anonymous(app).call("GET", "/api/me", undefined, { cookie: "reaper_session=forged" });
    expect(res.status).toBe(401);
  });

  it("pages redirect to the login page", async () => {
    const res = await fetch(`${app.baseUrl}/`, { redirect: "manual" });
    expect([302, 303, 307, 308]).toContain(res.status);
    expect(res.headers.get("location")).toMatch(/\/login/);
  });
});

describe("login", () => {
  it("sets an httpOnly, SameSite=Lax session cookie and /api/me names the admin", async () => {
    const res = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.baseUrl },
      body: JSON.stringify(ADMIN),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("reaper_session=")) ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await (await ApiClient.login(app)).call<{ user: { email: string; role: string } }>("GET", "/api/me");
    expect(me.body.user).toMatchObject({ email: ADMIN.email, role: "admin", accountId: null });
  });

  it.each([
    [{ email: ADMIN.email, password: "wrong-password" }, 401, "INVALID_CREDENTIALS"],
    [{ email: "nobody@example.com", password: "whatever" }, 401, "INVALID_CREDENTIALS"],
    [{ email: ADMIN.email }, 400, "VALIDATION"],
    [{ password: "x" }, 400, "VALIDATION"],
    ["{not json", 400, "VALIDATION"],
  ])("%j answers %i %s", async (body, status, code) => {
    const res = await ApiClient.anonymous(app).call<{ error: { code: string; message: string } }>("POST", "/api/auth/login", body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message.length).toBeGreaterThan(10);
  });

  it("rate-limits repeated failures for one email", async () => {
    const email = "target@example.com";
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      codes.push((await ApiClient.anonymous(app).call("POST", "/api/auth/login", { email, password: `guess-${i}` })).status);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });

  it("logout ends the session on the server: the same cookie replayed afterwards is refused", async () => {
    const client = await ApiClient.login(app);
    const res = await client.call("POST", "/api/auth/logout");
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().find((c) => c.startsWith("reaper_session="))).toMatch(/Max-Age=0/i);
    expect((await client.call("GET", "/api/me")).status).toBe(401);
  });

  it("every login gets a new session id and secret, and ends the session the browser came with", async () => {
    const first = await ApiClient.login(app);
    const again = await ApiClient.anonymous(app).call("POST", "/api/auth/login", ADMIN, { cookie: first.cookie ?? "" });
    expect(again.status).toBe(200);
    const second = (again.headers.getSetCookie().find((c) => c.startsWith("reaper_session=")) ?? "").split(";")[0];
    expect(second).toMatch(/^reaper_session=.{40,}/);
    expect(second).not.toBe(first.cookie);
    expect((await first.call("GET", "/api/me")).status).toBe(401);
  });
});

describe("where you're logged in", () => {
  it("lists the caller's sessions, marks the current one, and ends another on request", async () => {
    const phone = await ApiClient.login(app);
    const laptop = await ApiClient.login(app);
    const listed = await laptop.call<{ sessions: SessionInfo[] }>("GET", "/api/sessions", undefined, { "user-agent": "laptop" });
    expect(listed.status).toBe(200);
    expect(listed.headers.get("cache-control")).toBe("no-store");
    const current = listed.body.sessions.filter((s) => s.current);
    expect(current).toHaveLength(1);
    const phoneId = (await phone.call<{ sessions: SessionInfo[] }>("GET", "/api/sessions")).body.sessions.find((s) => s.current)?.id;
    expect(phoneId).toBeDefined();
    expect(listed.body.sessions.map((s) => s.id)).toContain(phoneId);
    expect(Object.keys(listed.body.sessions[0] ?? {}).sort()).toEqual(["address", "createdAt", "current", "expiresAt", "id", "lastSeenAt", "userAgent"]);
    expect((await laptop.call("DELETE", `/api/sessions/${phoneId}`)).status).toBe(204);
    expect((await phone.call("GET", "/api/me")).status).toBe(401);
    expect((await laptop.call("GET", "/api/me")).status).toBe(200);
    expect((await laptop.call("DELETE", `/api/sessions/${phoneId}`)).status).toBe(404);
  });

  it("another person's session cannot be ended (404)", async () => {
    const admin = await ApiClient.login(app);
    await admin.call("POST", "/api/users", { email: "other-agent@example.com", password: "other-agent-pw", role: "agent" });
    const other = await ApiClient.login(app, { email: "other-agent@example.com", password: "other-agent-pw" });
    const otherId = (await other.call<{ sessions: SessionInfo[] }>("GET", "/api/sessions")).body.sessions[0]?.id ?? "";
    const res = await admin.call<{ error: { code: string } }>("DELETE", `/api/sessions/${otherId}`);
    expect([res.status, res.body.error.code]).toEqual([404, "NOT_FOUND"]);
    expect((await other.call("GET", "/api/me")).status).toBe(200);
  });
});

describe("disabling a person", () => {
  it("ends all their sessions at once, stops their tokens, and their login gets the same answer as a wrong password", async () => {
    const admin = await ApiClient.login(app);
    const creds = { email: "leaver@example.com", password: "leaver-password" };
    const { user } = (await admin.call<{ user: { id: string } }>("POST", "/api/users", { ...creds, role: "agent" })).body;
    const sessions = await Promise.all([ApiClient.login(app, creds), ApiClient.login(app, creds), ApiClient.login(app, creds)]);
    const [first] = sessions;
    if (!first) throw new Error("no session");
    const token = (await first.call<NewToken>("POST", "/api/tokens", { name: "script" })).body.token;
    expect((await ApiClient.bearer(app, token).call("GET", "/api/me")).status).toBe(200);

    expect((await admin.call("PATCH", `/api/users/${user.id}`, { disabled: true })).status).toBe(200);
    for (const s of sessions) expect((await s.call("GET", "/api/me")).status).toBe(401);
    expect((await ApiClient.bearer(app, token).call("GET", "/api/me")).status).toBe(401);
    const refused = await ApiClient.anonymous(app).call("POST", "/api/auth/login", creds);
    const wrong = await ApiClient.anonymous(app).call("POST", "/api/auth/login", { ...creds, password: "not-it-at-all" });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(wrong.body);

    expect((await admin.call("PATCH", `/api/users/${user.id}`, { disabled: false })).status).toBe(200);
    expect((await ApiClient.anonymous(app).call("POST", "/api/auth/login", creds)).status).toBe(200);
  });

  it("a new password ends every session of that person", async () => {
    const admin = await ApiClient.login(app);
    const creds = { email: "reset-me@example.com", password: "old-password-1" };
    const { user } = (await admin.call<{ user: { id: string } }>("POST", "/api/users", { ...creds, role: "agent" })).body;
    const session = await ApiClient.login(app, creds);
    expect((await admin.call("PATCH", `/api/users/${user.id}`, { password: "new-password-1" })).status).toBe(200);
    expect((await session.call("GET", "/api/me")).status).toBe(401);
    expect((await ApiClient.anonymous(app).call("POST", "/api/auth/login", creds)).status).toBe(401);
    expect((await ApiClient.anonymous(app).call("POST", "/api/auth/login", { ...creds, password: "new-password-1" })).status).toBe(200);
  });
});

describe("cross-site requests", () => {
  it.each([
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["no Origin", { origin: "" }],
  ])("a cookie-borne mutation with %s answers 403 CSRF", async (_, headers) => {
    const client = await ApiClient.login(app);
    const res = await client.call<{ error: { code: string } }>("POST", "/api/servers", { name: "x", host: "127.0.0.1", username: "root", password: "pw" }, headers);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("CSRF");
  });
});
