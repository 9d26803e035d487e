import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

  it("logout ends the session", async () => {
    const client = await ApiClient.login(app);
    expect((await client.call("POST", "/api/auth/logout")).status).toBe(204);
    expect((await client.call("GET", "/api/me")).status).toBe(401);
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
