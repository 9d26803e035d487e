import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statusByCode, type ErrorCode } from "@/lib/shared/errors/app-error";
import { API_DECISIONS } from "@/tests/api/authorization-matrix.table";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";

// Every route (the authorization matrix's list, which is the file system's), called with random
// and malicious path parameters, query strings, headers and bodies, anonymously and as an admin:
// only the contract's answers, never a 500, never an error code outside the contract, and the
// app still up at the end with nothing unhandled in its log. The app has no servers, so nothing
// a fuzzed request does can reach beyond it.
const ROUTES = Object.keys(API_DECISIONS).map((k) => {
  const [method = "", pattern = ""] = k.split(" ");
  return { method, pattern };
});
/**
 * Statuses the contract has: its codes' statuses, success, 405 for a method a path lacks, and
 * Next.js's 308 from a path with an empty segment or trailing slash to its normal form.
 */
const CONTRACT_STATUSES = new Set([200, 201, 202, 204, 308, 404, 405, ...Object.values(statusByCode).filter((s) => s !== 500)]);
const RUNS = 150;

let app: AppServer;
let admin: ApiClient;

beforeAll(async () => {
  // startApp's generous refusal limit lets the fuzz reach past the rate limit into every route's checks.
  app = await startApp();
  admin = await ApiClient.login(app);
});
afterAll(async () => {
  await app?.stop();
});

const printable = fc.string({ unit: fc.constantFrom(..." !\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~") });
const hostile = fc.constantFrom(
  "%ff",
  "%e2%82",
  "%00",
  "..%2f..%2fetc%2fpasswd",
  "<script>alert(1)</script>",
  "'; DROP TABLE servers; --",
  "$(touch /tmp/reaper-pwned)",
  "`id`",
  "\u202egnp.exe",
  "a".repeat(5000),
  "srv_" + "A".repeat(16),
  "__proto__",
  "constructor",
);
const segment = fc.oneof(hostile, printable.map(encodeURIComponent), fc.string().map(encodeURIComponent), fc.constantFrom("%", "%%", "%2", "a%zz"));
const weird = fc.oneof(fc.constant(null), fc.constant(true), fc.integer(), fc.double(), fc.constant(1e308), fc.constant(-0), fc.string(), hostile, fc.constant([]), fc.constant({}));
/** Known field names with values of any type, prototype keys, deep nesting, and plain JSON. */
const jsonBody = fc.oneof(
  fc.dictionary(
    fc.constantFrom("name", "host", "port", "username", "privateKey", "password", "email", "role", "accountId", "action", "pid", "startTime", "confirm", "reason", "unit", "fingerprint", "scanId", "ticket", "url", "secret", "events", "serverIds", "disabled", "__proto__", "constructor"),
    weird,
  ),
  fc.jsonValue(),
  fc.constant(JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"role": "admin"}}}') as unknown),
  fc.constant(JSON.parse("[".repeat(2000) + "]".repeat(2000)) as unknown),
);
const rawBody = fc.oneof(
  jsonBody.map((b) => JSON.stringify(b)),
  fc.string(),
  fc.constantFrom("{", "null", "\u0000", '{"name": "\ud800"}', "\xff\xfe", "{".repeat(100_000)),
);
const plainHeaders = {
  "content-type": fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/json; charset=utf-16"),
  origin: fc.oneof(fc.constant("https://evil.example"), fc.constant("null"), printable),
  "x-forwarded-for": fc.oneof(fc.ipV4(), printable),
  "x-forwarded-host": printable,
};
const credentialHeaders = {
  authorization: fc.oneof(fc.constant("Bearer "), fc.constant("Basic YWRtaW46YWRtaW4="), printable.map((t) => `Bearer ${t}`)),
  cookie: fc.oneof(printable.map((t) => `reaper_session=${t}`), fc.constant("reaper_session=")),
};
const query = fc.oneof(fc.constant(""), fc.dictionary(fc.constantFrom("limit", "pid", "startTime", "serverId", "actorId", "kind"), fc.oneof(hostile, printable)).map((q) => `?${new URLSearchParams(q).toString()}`));

/** `forged`: with made-up credentials (for the anonymous caller; the admin keeps its session). */
const request = (forged: boolean) =>
  fc.record({
    route: fc.constantFrom(...ROUTES),
    params: fc.array(segment, { minLength: 1, maxLength: 2 }),
    query,
    body: fc.option(rawBody),
    headers: fc.record(forged ? { ...plainHeaders, ...credentialHeaders } : plainHeaders, { requiredKeys: [] }),
  });
type FuzzRequest = { route: { method: string; pattern: string }; params: string[]; query: string; body: string | null; headers: Record<string, string> };

async function checkOne(client: ApiClient, r: FuzzRequest): Promise<void> {
  let i = 0;
  const path = r.route.pattern.replace(/\[\w+\]/g, () => r.params[i++ % r.params.length] ?? "x") + r.query;
  // fetch cannot send a body with GET.
  const res = await client.call<unknown>(r.route.method, path, r.route.method === "GET" ? undefined : (r.body ?? undefined), r.headers);
  const what = `${r.route.method} ${path} -> ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
  expect(CONTRACT_STATUSES.has(res.status), what).toBe(true);
  const error = (res.body as { error?: { code?: string } } | null)?.error;
  if (res.status >= 400 && error) {
    expect(error.code !== undefined && error.code in statusByCode, what).toBe(true);
    expect(statusByCode[error.code as ErrorCode], what).toBe(res.status);
  }
}

describe("every route, fuzzed", () => {
  it("anonymously: only the contract's answers", async () => {
    const anonymous = ApiClient.anonymous(app);
    await fc.assert(fc.asyncProperty(request(true), (r) => checkOne(anonymous, r)), { numRuns: RUNS });
  }, 600_000);

  it("as an admin: only the contract's answers", async () => {
    await fc.assert(fc.asyncProperty(request(false), (r) => checkOne(admin, r)), { numRuns: RUNS });
  }, 600_000);

  it("the app is still up, and logged nothing unhandled", async () => {
    expect((await ApiClient.anonymous(app).call("GET", "/api/health")).status).toBe(200);
    // The fuzz may have logged the admin out (POST /api/auth/logout): a new login must work.
    expect((await (await ApiClient.login(app)).call("GET", "/api/me")).status).toBe(200);
    expect(app.logs()).not.toMatch(/api\.unhandled|Internal Server Error|uncaught|unhandledRejection/i);
  });
});
