import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import { API_DECISIONS, PAGE_DECISIONS, type Expected, type PageExpected } from "@/tests/api/authorization-matrix.table";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { ACTORS, buildWorld, type Actor, type World } from "@/tests/support/world";

// The authorization matrix: every route and page found under app/ on disk, tried as each kind of
// caller against the real built app and a real lab server, must answer what the table says.
const ROOT = path.resolve(__dirname, "../..");
const TABLE = "tests/api/authorization-matrix.table.ts";
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function filesNamed(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesNamed(full, name) : e.name === name ? [full] : [];
  });
}

/** app/(app)/servers/[id]/page.tsx → /servers/[id]; route groups "(…)" are not in the URL. */
function urlOf(file: string): string {
  const segments = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).filter((s) => s !== "" && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

function apiRoutes(): { key: string; file: string }[] {
  return filesNamed(path.join(ROOT, "app"), "route.ts").flatMap((file) => {
    const source = fs.readFileSync(file, "utf8");
    return METHODS.filter((m) => new RegExp(`export\\s+(const|async function|function)\\s+${m}\\b`).test(source)).map((m) => ({ key: `${m} ${urlOf(file)}`, file: path.relative(ROOT, file) }));
  });
}

function pages(): { key: string; file: string }[] {
  return filesNamed(path.join(ROOT, "app"), "page.tsx").map((file) => ({ key: urlOf(file), file: path.relative(ROOT, file) }));
}

const fill = (pattern: string, params: Record<string, string>) =>
  pattern.replace(/\[(\w+)\]/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`${pattern}: the table gives no value for [${name}]`);
    return encodeURIComponent(v);
  });

describe("every route under app/ has a decision", () => {
  it("API routes", () => {
    const found = apiRoutes();
    const missing = found.filter((r) => !(r.key in API_DECISIONS));
    const stale = Object.keys(API_DECISIONS).filter((k) => !found.some((r) => r.key === k));
    const problems = [
      ...missing.map(
        (r) =>
          `No authorization decision for "${r.key}" (${r.file}). Add a line to API_DECISIONS in ${TABLE}, e.g.\n` +
          `  "${r.key}": { expect: tenant(200), params: (w) => ({ id: … }), body: (w) => ({ … }) },\n` +
          `saying what anonymous, customer (account A, which owns the target), otherCustomer (account B), agent and admin must get.`,
      ),
      ...stale.map((k) => `API_DECISIONS in ${TABLE} has "${k}", but no app/**/route.ts exports it: remove the line, or fix its method or path.`),
    ];
    if (problems.length > 0) throw new Error(problems.join("\n\n"));
  });

  it("pages", () => {
    const found = pages();
    const missing = found.filter((p) => !(p.key in PAGE_DECISIONS));
    const stale = Object.keys(PAGE_DECISIONS).filter((k) => !found.some((p) => p.key === k));
    const problems = [
      ...missing.map((p) => `No authorization decision for the page "${p.key}" (${p.file}). Add a line to PAGE_DECISIONS in ${TABLE}: 200, 404, "login" or { redirect } for each caller.`),
      ...stale.map((k) => `PAGE_DECISIONS in ${TABLE} has "${k}", but there is no such app/**/page.tsx: remove the line.`),
    ];
    if (problems.length > 0) throw new Error(problems.join("\n\n"));
  });
});

let app: AppServer;
let lab: LabServer;
let world: World;

beforeAll(async () => {
  [app, lab] = await Promise.all([startApp(), startLabServer({ name: "matrix", scenario: { parents: [{ comm: "httpd", zombies: 2 }] } })]);
  world = await buildWorld(app, lab);
}, 120_000);
afterAll(async () => {
  await Promise.all([app?.stop(), lab?.stop()]);
});

const cases = <T>(decisions: Record<string, T>) => Object.keys(decisions).flatMap((key) => ACTORS.map((actor) => [key, actor] as [string, Actor]));

describe("pages", () => {
  it.each(cases(PAGE_DECISIONS))("%s as %s", async (key, actor) => {
    const decision = PAGE_DECISIONS[key];
    if (!decision) throw new Error(`no decision for ${key}`);
    const url = fill(key, decision.params?.(world) ?? {});
    const want: PageExpected = decision.expect[actor];
    const cookie = world.clients[actor].cookie;
    const res = await fetch(`${app.baseUrl}${url}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
    const location = res.headers.get("location");
    const got = { status: res.status, location: location && new URL(location, app.baseUrl).pathname };
    if (want === "login") expect(got).toEqual({ status: 307, location: "/login" });
    else if (typeof want === "object") expect(got).toEqual({ status: 307, location: want.redirect(world) });
    else expect(got).toEqual({ status: want, location: null });
  });
});

describe("API routes", () => {
  it.each(cases(API_DECISIONS))("%s as %s", async (key, actor) => {
    const decision = API_DECISIONS[key];
    if (!decision) throw new Error(`no decision for ${key}`);
    const [method = "GET", pattern = "/"] = key.split(" ");
    const url = fill(pattern, (await decision.params?.(world, actor)) ?? {}) + (decision.query?.(world) ?? "");
    const client = decision.as ? await decision.as(world, actor) : world.clients[actor];
    const res = await client.call<{ error?: { code: string } }>(method, url, decision.body?.(world, actor));
    const want: Expected = decision.expect[actor];
    const wanted = typeof want === "number" ? { status: want, code: defaultCode(want) } : want;
    expect({ status: res.status, code: res.body?.error?.code }).toEqual(wanted);
  });
});

/** The error code each refusal status carries; success has none. */
function defaultCode(status: number): string | undefined {
  return { 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND" }[status];
}
