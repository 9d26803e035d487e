import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionInfo } from "@/lib/shared/auth/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";

// Login rate limits tried as an attacker would: guesses sent all at once, from several client
// addresses (each test speaks from its own 127.0.0.x, so the app sees real, different sockets),
// and with forged X-Forwarded-For headers. Each real password check costs a deliberate scrypt
// (tens of ms, far more on a busy machine), hence the long timeouts.
const SLOW = 180_000;
type Answer = { error?: { code: string; message: string }; user?: { email: string } };

let app: AppServer;
let admin: ApiClient;

beforeAll(async () => {
  app = await startApp();
  admin = await ApiClient.login(app);
});
afterAll(async () => {
  await app?.stop();
});

async function person(email: string, password = "right-password-1"): Promise<{ email: string; password: string }> {
  const res = await admin.call("POST", "/api/users", { email, password, role: "agent" });
  expect(res.status).toBe(201);
  return { email, password };
}

const login = (from: string, body: unknown, headers: Record<string, string> = {}) => ApiClient.anonymous(app, from).call<Answer>("POST", "/api/auth/login", body, headers);
const count = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

describe("one email from one address", () => {
  it("40 guesses sent at once get 10 real password checks between them; the rest are 429 before any check", async () => {
    const victim = await person("victim-1@example.com");
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login("127.0.0.2", { email: victim.email, password: `guess-${i}` })));
    expect(count(answers.map((a) => a.status))).toEqual({ 401: 10, 429: 30 });
    const limited = answers.find((a) => a.status === 429);
    expect(limited?.body.error?.code).toBe("RATE_LIMITED");
    expect(limited?.headers.get("retry-after")).toBe("900");
    // The right password from the attacker's address is refused too: the limit is not a hint.
    expect((await login("127.0.0.2", victim)).status).toBe(429);
    // ...but the person, elsewhere, is not locked out.
    expect((await login("127.0.0.3", victim)).status).toBe(200);
  }, SLOW);

  it("the right password hidden among 40 parallel guesses is checked only if it is among the first 10", async () => {
    const victim = await person("victim-2@example.com");
    const bodies = Array.from({ length: 40 }, (_, i) => (i === 39 ? victim : { email: victim.email, password: `guess-${i}` }));
    const statuses = (await Promise.all(bodies.map((b) => login("127.0.0.4", b)))).map((a) => a.status);
    const checked = statuses.filter((s) => s !== 429).length;
    expect(checked).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30);
  }, SLOW);

  it("an unknown email and a wrong password get the same answer", async () => {
    const known = await person("known@example.com");
    const wrong = await login("127.0.0.5", { email: known.email, password: "not-it" });
    const unknown = await login("127.0.0.5", { email: "unknown@example.com", password: "not-it" });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(unknown.body);
  }, SLOW);
});

describe("one address over many emails (password spraying)", () => {
  it("after 50 failures from one address, every login from it is refused; other addresses are not", async () => {
    const statuses = (await Promise.all(Array.from({ length: 55 }, (_, i) => login("127.0.0.6", { email: `sprayed-${i}@example.com`, password: "Summer2026!" })))).map((a) => a.status);
    expect(count(statuses)).toEqual({ 401: 50, 429: 5 });
    const fresh = await person("sprayed-real@example.com");
    const refused = await login("127.0.0.6", fresh);
    expect([refused.status, refused.body.error?.code]).toEqual([429, "RATE_LIMITED"]);
    expect((await login("127.0.0.7", fresh)).status).toBe(200);
  }, SLOW);
});

describe("one email over many addresses", () => {
  it("is slowed after 50 failures, except from an address the person logged in from before", async () => {
    const victim = await person("distributed@example.com");
    expect((await login("127.0.0.8", victim)).status).toBe(200); // their usual place
    const guesses = Array.from({ length: 60 }, (_, i) => login(`127.0.1.${1 + (i % 6)}`, { email: victim.email, password: `guess-${i}` }));
    const statuses = (await Promise.all(guesses)).map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBe(50);
    // A new address with the right password waits...
    expect((await login("127.0.2.1", victim)).status).toBe(429);
    // ...the usual one does not.
    expect((await login("127.0.0.8", victim)).status).toBe(200);
  }, SLOW);
});

describe("the client address", () => {
  it("is the socket's: forged X-Forwarded-For headers do not spread guesses over made-up addresses", async () => {
    const victim = await person("forged-xff@example.com");
    const statuses: number[] = [];
    const forged = (i: number) => ({ "x-forwarded-for": `203.0.113.${i}`, "x-reaper-peer": `198.51.100.${i}` });
    statuses.push(...(await Promise.all(Array.from({ length: 12 }, (_, i) => login("127.0.0.9", { email: victim.email, password: `guess-${i}` }, forged(i))))).map((a) => a.status));
    expect(count(statuses)).toEqual({ 401: 10, 429: 2 });
    const client = await ApiClient.login(app, victim, "127.0.0.10");
    const { sessions } = (await client.call<{ sessions: SessionInfo[] }>("GET", "/api/sessions", undefined, { "x-forwarded-for": "203.0.113.99" })).body;
    expect(sessions.map((s) => s.address)).toEqual(["127.0.0.10"]);
  }, SLOW);
});

describe("behind a trusted proxy (REAPER_TRUST_PROXY=1)", () => {
  let proxied: AppServer;
  beforeAll(async () => {
    proxied = await startApp({ REAPER_TRUST_PROXY: "1" });
  });
  afterAll(async () => {
    await proxied?.stop();
  });

  it("the client is the last address the proxy appended to X-Forwarded-For", async () => {
    const from = (xff: string) => ({ "x-forwarded-for": xff });
    const guess = (i: number, xff: string) => ApiClient.anonymous(proxied).call("POST", "/api/auth/login", { email: "admin@example.com", password: `guess-${i}` }, from(xff));
    // Twelve clients behind the proxy: none reaches the per-address limit.
    const statuses = (await Promise.all(Array.from({ length: 12 }, (_, i) => guess(i, `10.9.9.9, 192.0.2.${i}`)))).map((a) => a.status);
    expect(count(statuses)).toEqual({ 401: 12 });
    // One client: the limit holds whatever it writes in front of the proxy's entry.
    const same = (await Promise.all(Array.from({ length: 12 }, (_, i) => guess(i, `198.51.100.${i}, 192.0.2.200`)))).map((a) => a.status);
    expect(count(same)).toEqual({ 401: 10, 429: 2 });
    const res = await ApiClient.anonymous(proxied).call("POST", "/api/auth/login", { email: "admin@example.com", password: "admin-password-1" }, from("192.0.2.77"));
    const cookie = (res.headers.getSetCookie().find((c) => c.startsWith("reaper_session=")) ?? "").split(";")[0] ?? "";
    const sessions = await ApiClient.anonymous(proxied).call<{ sessions: SessionInfo[] }>("GET", "/api/sessions", undefined, { cookie });
    expect(sessions.body.sessions.find((s) => s.current)?.address).toBe("192.0.2.77");
  }, SLOW);
});
