// Who may call what: the decision for every route and page under app/, for each kind of caller.
// tests/api/authorization-matrix.test.ts finds the routes on disk and fails on any without a line
// here (and on any line whose route is gone). The resources a route is tried on belong to
// account A: `customer` is A's customer, `otherCustomer` is account B's, who must never see them.
//
// Shorthands say the rule: tenant(200) = A's customer and staff get 200, B's customer 404;
// staffOnTenant(200) = staff 200, A's customer 403 (may see it, may not change it), B's 404;
// staff / adminOnly = a right of the role (403 for the others, whatever the id); owner = only the
// person it belongs to (A's customer) sees it, everyone else 404.
import type { ApiClient } from "@/tests/support/api-client";
import type { Actor, World } from "@/tests/support/world";

export type Expected = number | { status: number; code: string };
export type ApiDecision = {
  expect: Record<Actor, Expected>;
  /** Path parameters; asked once per caller, so a route that deletes gets a fresh target each time. */
  params?: (w: World, actor: Actor) => Promise<Record<string, string>> | Record<string, string>;
  body?: (w: World, actor: Actor) => unknown;
  /** A query string to append ("?pid=…"). */
  query?: (w: World) => string;
  /** The client to call with, when the default (the actor's own session) must not be used up. */
  as?: (w: World, actor: Actor) => Promise<ApiClient> | ApiClient;
};

/** A page answers 200, a 404 page, a redirect to the login page, or a redirect elsewhere. */
export type PageExpected = 200 | 404 | "login" | { redirect: (w: World) => string };
export type PageDecision = { expect: Record<Actor, PageExpected>; params?: (w: World) => Record<string, string> };

const all = (s: Expected): Record<Actor, Expected> => ({ anonymous: s, customer: s, otherCustomer: s, agent: s, admin: s });
const everyone = (s: Expected): Record<Actor, Expected> => ({ ...all(s), anonymous: 401 });
const tenant = (s: Expected): Record<Actor, Expected> => ({ anonymous: 401, customer: s, otherCustomer: 404, agent: s, admin: s });
const staffOnTenant = (s: Expected): Record<Actor, Expected> => ({ anonymous: 401, customer: 403, otherCustomer: 404, agent: s, admin: s });
const staff = (s: Expected): Record<Actor, Expected> => ({ anonymous: 401, customer: 403, otherCustomer: 403, agent: s, admin: s });
const adminOnly = (s: Expected): Record<Actor, Expected> => ({ anonymous: 401, customer: 403, otherCustomer: 403, agent: 403, admin: s });
const owner = (s: Expected): Record<Actor, Expected> => ({ anonymous: 401, customer: s, otherCustomer: 404, agent: 404, admin: 404 });

const serverA = (w: World) => ({ id: w.serverA.id });
/** One fleet scan of A's server by A's customer, made once per run: a person may have only three open. */
const customerFleetScans = new WeakMap<World, Promise<string>>();
const customerFleetScan = (w: World) => {
  if (!customerFleetScans.has(w)) {
    customerFleetScans.set(w, w.clients.customer.call<{ id: string }>("POST", "/api/fleet/scans", { serverIds: [w.serverA.id] }).then((r) => r.body.id));
  }
  return customerFleetScans.get(w)!.then((id) => ({ id }));
};
const labServerBody = (w: World) => ({ name: w.unique("matrix"), host: w.lab.host, port: w.lab.port, username: w.lab.username, privateKey: w.lab.privateKey, accountId: w.accountA.id });

/** A webhook to a closed loopback port, added by the admin: a target that may be deleted. */
async function freshWebhook(w: World): Promise<{ id: string }> {
  const res = await w.clients.admin.call<{ id: string }>("POST", "/api/webhooks", webhookBody(w));
  if (res.status !== 201) throw new Error(`adding a webhook answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { id: res.body.id };
}
const webhookBody = (w: World) => ({ url: `http://127.0.0.1:9/${w.unique("hook")}`, secret: "matrix-secret-0123456789", events: ["server.recovered"] });
const thresholdsBody = () => ({ zombiesAbove: 500, pidUsePercentAbove: 95, zombieAgeMinutesAbove: null, failedScansInRow: 5 });
/** A new account with thresholds of its own (a set that may be cleared). */
async function accountWithThresholds(w: World): Promise<{ scope: string }> {
  const account = await w.clients.admin.call<{ id: string }>("POST", "/api/accounts", { name: w.unique("Thresholds") });
  const set = await w.clients.admin.call("PUT", `/api/alerts/thresholds/${account.body.id}`, thresholdsBody());
  if (set.status !== 200) throw new Error(`setting thresholds answered ${set.status}: ${JSON.stringify(set.body)}`);
  return { scope: account.body.id };
}

export const API_DECISIONS: Record<string, ApiDecision> = {
  "GET /api/health": { expect: all(200) },
  "POST /api/auth/login": { expect: all({ status: 401, code: "INVALID_CREDENTIALS" }), body: () => ({ email: "nobody@matrix.test", password: "not-the-password" }) },
  "POST /api/auth/logout": { expect: everyone(204), as: async (w, actor) => (actor === "anonymous" ? w.clients.anonymous : (await w.freshSession(actor)).client) },
  "GET /api/me": { expect: everyone(200) },
  "GET /api/sessions": { expect: everyone(200) },
  "DELETE /api/sessions/[id]": { expect: owner(204), params: async (w) => ({ id: (await w.freshSession("customer")).id }) },
  "GET /api/tokens": { expect: everyone(200) },
  "POST /api/tokens": { expect: everyone(201), body: (w) => ({ name: w.unique("token") }) },
  "DELETE /api/tokens/[id]": { expect: owner(204), params: async (w) => ({ id: (await w.freshToken("customer")).id }) },
  "GET /api/accounts": { expect: staff(200) },
  "POST /api/accounts": { expect: adminOnly(201), body: (w) => ({ name: w.unique("Account") }) },
  "GET /api/accounts/[id]": { expect: staff(200), params: (w) => ({ id: w.accountA.id }) },
  "PATCH /api/accounts/[id]": { expect: adminOnly(200), params: (w) => ({ id: w.accountA.id }), body: (w) => ({ name: w.unique("Customer A") }) },
  "GET /api/users": { expect: adminOnly(200) },
  "POST /api/users": { expect: adminOnly(201), body: (w) => ({ email: `${w.unique("new")}@customer-a.test`, password: "new-password-1", role: "customer", accountId: w.accountA.id }) },
  "PATCH /api/users/[id]": { expect: adminOnly(200), params: async (w) => ({ id: (await w.freshPerson()).id }), body: () => ({ disabled: true }) },
  "DELETE /api/users/[id]": { expect: adminOnly(204), params: async (w) => ({ id: (await w.freshPerson()).id }) },
  "GET /api/servers": { expect: everyone(200) },
  "POST /api/servers": { expect: staff(201), body: labServerBody },
  "GET /api/servers/[id]": { expect: tenant(200), params: serverA },
  "PATCH /api/servers/[id]": { expect: staffOnTenant(200), params: serverA, body: (w) => ({ name: w.unique("server-a") }) },
  "DELETE /api/servers/[id]": { expect: staffOnTenant(204), params: async (w) => ({ id: (await w.freshServer()).id }) },
  "POST /api/servers/[id]/host-key": { expect: staffOnTenant(200), params: async (w) => ({ id: (await w.freshServer()).id }), body: (w) => ({ fingerprint: w.lab.hostKeyFingerprint }) },
  "GET /api/servers/[id]/scans": { expect: tenant(200), params: serverA },
  "POST /api/servers/[id]/scans": { expect: tenant(201), params: serverA },
  // A PID that cannot exist: the request passes every rule and the server answers that it is gone.
  "POST /api/servers/[id]/actions": { expect: tenant({ status: 409, code: "PROCESS_CHANGED" }), params: serverA, body: () => ({ action: "reap", pid: 4_194_000, startTime: 1 }) },
  "GET /api/servers/[id]/unit": { expect: tenant({ status: 409, code: "PROCESS_CHANGED" }), params: serverA, query: () => "?pid=4194000&startTime=1" },
  "GET /api/scans/[id]": { expect: tenant(200), params: (w) => ({ id: w.scanA.id }) },
  "GET /api/audit": { expect: everyone(200) },
  "POST /api/snapshots": { expect: tenant(201), body: (w) => ({ scanId: w.scanA.id, ticket: w.unique("ZD") }) },
  "GET /api/snapshots": { expect: tenant(200), query: (w) => `?serverId=${w.serverA.id}` },
  // The customer revokes a link they shared; staff revoke anyone's; B's customer cannot see A's.
  "DELETE /api/snapshots/[id]": { expect: tenant(204), params: async (w, actor) => ({ id: (await w.freshSnapshot(actor === "customer" ? "customer" : "admin")).id }) },
  // Snapshot links need no login: the token is the permission.
  "GET /s/[token]": { expect: all(200), params: async (w) => ({ token: (await w.sharedSnapshot()).token }) },
  "GET /s/[token]/image.png": { expect: all(200), params: async (w) => ({ token: (await w.sharedSnapshot()).token }) },
  "GET /api/alerts": { expect: everyone(200) },
  "GET /api/alerts/thresholds": { expect: staff(200) },
  "PUT /api/alerts/thresholds/[scope]": { expect: adminOnly(200), params: (w) => ({ scope: w.accountA.id }), body: thresholdsBody },
  "DELETE /api/alerts/thresholds/[scope]": { expect: adminOnly(204), params: accountWithThresholds },
  "GET /api/webhooks": { expect: adminOnly(200) },
  "POST /api/webhooks": { expect: adminOnly(201), body: webhookBody },
  "DELETE /api/webhooks/[id]": { expect: adminOnly(204), params: freshWebhook },
  "GET /api/webhooks/[id]/deliveries": { expect: adminOnly(200), params: freshWebhook },
  "POST /api/webhooks/[id]/test": { expect: adminOnly(202), params: freshWebhook },
  "GET /api/fleet": { expect: everyone(200) },
  "POST /api/fleet/scans": { expect: tenant(202), body: (w) => ({ serverIds: [w.serverA.id] }) },
  "GET /api/fleet/scans/[id]": { expect: owner(200), params: customerFleetScan },
  "GET /api/fleet/scans/[id]/events": { expect: owner(200), params: customerFleetScan },
};

const loggedIn = (s: PageExpected): Record<Actor, PageExpected> => ({ anonymous: "login", customer: s, otherCustomer: s, agent: s, admin: s });

// Pages are tried before the API routes above add servers to account A, so each customer has one.
export const PAGE_DECISIONS: Record<string, PageDecision> = {
  "/login": { expect: { anonymous: 200, customer: { redirect: () => "/" }, otherCustomer: { redirect: () => "/" }, agent: { redirect: () => "/" }, admin: { redirect: () => "/" } } },
  // A customer with one server lands on its panel: A's on A's, B's on B's.
  "/": { expect: { ...loggedIn(200), customer: { redirect: (w) => `/panel/${w.serverA.id}` }, otherCustomer: { redirect: (w) => `/panel/${w.serverB.id}` } } },
  "/audit": { expect: loggedIn(200) },
  "/fleet": { expect: loggedIn(200) },
  "/alerts": { expect: loggedIn(200) },
  "/fixes": { expect: loggedIn(200) },
  "/tokens": { expect: loggedIn(200) },
  "/sessions": { expect: loggedIn(200) },
  "/servers/[id]": { expect: { anonymous: "login", customer: { redirect: (w) => `/panel/${w.serverA.id}` }, otherCustomer: 404, agent: 200, admin: 200 }, params: serverA },
  "/panel/[id]": { expect: { ...loggedIn(200), otherCustomer: 404 }, params: serverA },
  "/accounts": { expect: { ...loggedIn(200), customer: 404, otherCustomer: 404 } },
  "/accounts/[id]": { expect: { ...loggedIn(200), customer: 404, otherCustomer: 404 }, params: (w) => ({ id: w.accountA.id }) },
  "/people": { expect: { ...loggedIn(404), admin: 200 } },
};
