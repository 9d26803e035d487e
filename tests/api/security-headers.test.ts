import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "@/tests/support/api-client";
import { ADMIN, startApp, type AppServer } from "@/tests/support/app-server";

// The headers on every page and answer, the CSP nonce on every script, and where a cookie-borne
// change must come from (REAPER_PUBLIC_URL, REAPER_TRUST_PROXY).
let app: AppServer;
let admin: ApiClient;

beforeAll(async () => {
  app = await startApp();
  admin = await ApiClient.login(app);
});
afterAll(async () => {
  await app?.stop();
});

function expectSecurityHeaders(headers: Headers): void {
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("referrer-policy")).toBe("no-referrer");
  expect(headers.get("x-frame-options")).toBe("DENY");
  expect(headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
}

const PAGES = ["/login", "/", "/audit", "/tokens", "/sessions", "/accounts", "/people", "/no-such-page"];

describe("pages", () => {
  it.each(PAGES)("%s: a script-src with this response's nonce and no unsafe-inline, on every script tag", async (url) => {
    const res = await fetch(`${app.baseUrl}${url}`, { headers: { cookie: admin.cookie ?? "" }, redirect: "manual" });
    expectSecurityHeaders(res.headers);
    const csp = res.headers.get("content-security-policy") ?? "";
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? "";
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("a fresh nonce on every request", async () => {
    const nonces = await Promise.all([1, 2, 3].map(async () => /'nonce-([^']+)'/.exec((await fetch(`${app.baseUrl}/login`)).headers.get("content-security-policy") ?? "")?.[1]));
    expect(new Set(nonces).size).toBe(3);
  });

  it("a redirect to the login page carries the headers too", async () => {
    const res = await fetch(`${app.baseUrl}/`, { redirect: "manual" });
    expect(res.status).toBe(307);
    expectSecurityHeaders(res.headers);
  });

  it("static files are nosniff", async () => {
    const html = await (await fetch(`${app.baseUrl}/login`)).text();
    const src = /<script src="([^"]+)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    const res = await fetch(`${app.baseUrl}${src}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("API answers", () => {
  it.each([
    ["GET", "/api/me", 200],
    ["GET", "/api/servers", 200],
    ["GET", "/api/audit", 200],
    ["GET", "/api/sessions", 200],
    ["GET", "/api/health", 200],
    ["GET", "/api/servers/srv_missing", 404],
    ["POST", "/api/servers", 400],
  ] as const)("%s %s (%i): no-store, nothing to load, not frameable", async (method, url, status) => {
    const res = await admin.call(method, url, method === "POST" ? {} : undefined);
    expect(res.status).toBe(status);
    expectSecurityHeaders(res.headers);
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("an anonymous 401 is no-store too", async () => {
    const res = await ApiClient.anonymous(app).call("GET", "/api/me");
    expect([res.status, res.headers.get("cache-control")]).toEqual([401, "no-store"]);
  });
});

describe("where a cookie-borne change must come from", () => {
  const body = { name: "csrf-check" };
  it.each([
    ["the same origin", (base: string) => ({ origin: base }), 201],
    ["the same host over https (another origin)", (base: string) => ({ origin: base.replace("http:", "https:") }), 403],
    ["another port", (base: string) => ({ origin: base.replace(/:\d+$/, ":1") }), 403],
    ["a forged X-Forwarded-Host naming the attacker", () => ({ origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }), 403],
    ["Origin: null", () => ({ origin: "null" }), 403],
  ])("%s", async (_, headers, status) => {
    const res = await admin.call<{ error?: { code: string } }>("POST", "/api/tokens", body, headers(app.baseUrl));
    expect(res.status).toBe(status);
    if (status === 403) expect(res.body.error?.code).toBe("CSRF");
  });
});

describe("with REAPER_PUBLIC_URL", () => {
  let pub: AppServer;
  beforeAll(async () => {
    pub = await startApp({ REAPER_PUBLIC_URL: "https://reaper.example.com/" });
  });
  afterAll(async () => {
    await pub?.stop();
  });

  it("only that origin may send cookie-borne changes, and the session cookie is Secure", async () => {
    const login = await ApiClient.anonymous(pub).call("POST", "/api/auth/login", ADMIN, { origin: "https://reaper.example.com" });
    expect(login.status).toBe(200);
    expect(login.headers.getSetCookie().find((c) => c.startsWith("reaper_session="))).toMatch(/;\s*Secure/i);
    const cookie = (login.headers.getSetCookie().find((c) => c.startsWith("reaper_session=")) ?? "").split(";")[0] ?? "";
    const as = (origin: string) => ApiClient.anonymous(pub).call("POST", "/api/tokens", { name: "t" }, { cookie, origin });
    expect((await as("https://reaper.example.com")).status).toBe(201);
    // The app's own Host (what a browser reaching it directly would send) is not the public origin.
    expect((await as(pub.baseUrl)).status).toBe(403);
    expect((await as("http://reaper.example.com")).status).toBe(403);
    expect((await ApiClient.anonymous(pub).call("POST", "/api/auth/login", ADMIN, { origin: pub.baseUrl })).status).toBe(403);
  });
});

describe("behind a trusted proxy (REAPER_TRUST_PROXY=1)", () => {
  let proxied: AppServer;
  beforeAll(async () => {
    proxied = await startApp({ REAPER_TRUST_PROXY: "1" });
  });
  afterAll(async () => {
    await proxied?.stop();
  });

  it("the origin is what X-Forwarded-Host and -Proto say, and the cookie is Secure over https", async () => {
    const forwarded = { "x-forwarded-host": "reaper.example.net", "x-forwarded-proto": "https" };
    const login = await ApiClient.anonymous(proxied).call("POST", "/api/auth/login", ADMIN, { ...forwarded, origin: "https://reaper.example.net" });
    expect(login.status).toBe(200);
    const setCookie = login.headers.getSetCookie().find((c) => c.startsWith("reaper_session=")) ?? "";
    expect(setCookie).toMatch(/;\s*Secure/i);
    const cookie = setCookie.split(";")[0] ?? "";
    const as = (origin: string) => ApiClient.anonymous(proxied).call("POST", "/api/tokens", { name: "t" }, { ...forwarded, cookie, origin });
    expect((await as("https://reaper.example.net")).status).toBe(201);
    expect((await as("http://reaper.example.net")).status).toBe(403);
  });
});
