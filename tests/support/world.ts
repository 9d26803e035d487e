// Two customer accounts, a person of each role and a lab server owned by account A, made through
// the real API as an admin would: the cast of the tenancy and authorization tests.
import type { LabServer } from "@/lab";
import type { NewToken, User } from "@/lib/shared/auth/types";
import type { Account } from "@/lib/shared/people/types";
import type { Scan } from "@/lib/shared/scan/types";
import type { NewSnapshot } from "@/lib/shared/snapshots/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { ADMIN, type AppServer } from "@/tests/support/app-server";

export const ACTORS = ["anonymous", "customer", "otherCustomer", "agent", "admin"] as const;
/** `customer` belongs to account A (which owns the resources under test); `otherCustomer` to account B. */
export type Actor = (typeof ACTORS)[number];

export const PEOPLE = {
  customer: { email: "carla@customer-a.test", password: "customer-a-password" },
  otherCustomer: { email: "otto@customer-b.test", password: "customer-b-password" },
  agent: { email: "agnes@support.test", password: "agent-password-1" },
  admin: ADMIN,
} as const;

export type World = {
  app: AppServer;
  lab: LabServer;
  accountA: Account;
  accountB: Account;
  people: Record<Exclude<Actor, "anonymous">, User>;
  clients: Record<Actor, ApiClient>;
  /** Account A's lab server, scanned once by the admin. */
  serverA: Server;
  scanA: Scan;
  /** Account B's own server (a second record of the same lab machine). */
  serverB: Server;
  /** A new server record of the lab machine, owned by account A (a target that may be deleted). */
  freshServer: (accountId?: string | null) => Promise<Server>;
  /** A new customer login in account A (a target that may be changed or deleted). */
  freshPerson: () => Promise<User>;
  /** A new API token of this person. */
  freshToken: (actor: Exclude<Actor, "anonymous">) => Promise<NewToken>;
  /** A new session of this person, apart from the one their client uses; returns its id and client. */
  freshSession: (actor: Exclude<Actor, "anonymous">) => Promise<{ id: string; client: ApiClient }>;
  /** A new snapshot link of scanA, shared by this person. */
  freshSnapshot: (actor: Exclude<Actor, "anonymous">) => Promise<NewSnapshot>;
  /** One snapshot of scanA shared by the admin, made at first use and the same afterwards. */
  sharedSnapshot: () => Promise<NewSnapshot>;
  /** A name no one used yet in this run. */
  unique: (prefix: string) => string;
};

async function ok<T>(res: Promise<{ status: number; body: T }>, expected: number, what: string): Promise<T> {
  const r = await res;
  if (r.status !== expected) throw new Error(`${what} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function buildWorld(app: AppServer, lab: LabServer): Promise<World> {
  const admin = await ApiClient.login(app);
  let n = 0;
  const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(n += 1)}`;
  const accountA = await ok(admin.call<Account>("POST", "/api/accounts", { name: unique("Customer A") }), 201, "creating account A");
  const accountB = await ok(admin.call<Account>("POST", "/api/accounts", { name: unique("Customer B") }), 201, "creating account B");
  const addPerson = async (creds: { email: string; password: string }, role: string, accountId?: string) =>
    (await ok(admin.call<{ user: User }>("POST", "/api/users", { ...creds, role, ...(accountId && { accountId }) }), 201, `creating ${creds.email}`)).user;
  const people = {
    customer: await addPerson(PEOPLE.customer, "customer", accountA.id),
    otherCustomer: await addPerson(PEOPLE.otherCustomer, "customer", accountB.id),
    agent: await addPerson(PEOPLE.agent, "agent"),
    admin: (await ok(admin.call<{ user: User }>("GET", "/api/me"), 200, "GET /api/me")).user,
  };
  const clients: Record<Actor, ApiClient> = {
    anonymous: ApiClient.anonymous(app),
    customer: await ApiClient.login(app, PEOPLE.customer),
    otherCustomer: await ApiClient.login(app, PEOPLE.otherCustomer),
    agent: await ApiClient.login(app, PEOPLE.agent),
    admin,
  };
  const freshServer = (accountId: string | null = accountA.id) =>
    ok(
      admin.call<Server>("POST", "/api/servers", { name: unique(lab.name), host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey, hostKeyFingerprint: lab.hostKeyFingerprint, accountId }),
      201,
      "adding a server",
    );
  const serverA = await freshServer(accountA.id);
  const serverB = await freshServer(accountB.id);
  const scanA = await ok(admin.call<Scan>("POST", `/api/servers/${serverA.id}/scans`), 201, "scanning server A");
  const freshSnapshot = (actor: Exclude<Actor, "anonymous">) =>
    ok(clients[actor].call<NewSnapshot>("POST", "/api/snapshots", { scanId: scanA.id, ticket: unique("TICKET") }), 201, `a snapshot shared by ${actor}`);
  let shared: Promise<NewSnapshot> | undefined;
  return {
    app,
    lab,
    accountA,
    accountB,
    people,
    clients,
    serverA,
    scanA,
    serverB,
    freshServer,
    freshPerson: () => addPerson({ email: `${unique("person")}@customer-a.test`, password: "fresh-password-1" }, "customer", accountA.id),
    freshToken: (actor) => ok(clients[actor].call<NewToken>("POST", "/api/tokens", { name: unique("token") }), 201, `a token for ${actor}`),
    freshSnapshot,
    sharedSnapshot: () => (shared ??= freshSnapshot("admin")),
    freshSession: async (actor) => {
      const client = await ApiClient.login(app, PEOPLE[actor]);
      const { sessions } = await ok(client.call<{ sessions: { id: string; current: boolean }[] }>("GET", "/api/sessions"), 200, "GET /api/sessions");
      const current = sessions.find((s) => s.current);
      if (!current) throw new Error("the new session is not marked current");
      return { id: current.id, client };
    },
    unique,
  };
}
