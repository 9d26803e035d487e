// Starts three lab servers full of real zombies, the dashboard on its SQLite default, and
// registers the lab servers through the public API, as an integration would.
import { spawn } from "node:child_process";
import path from "node:path";
import { DEMO_SCENARIOS, startLabServer, type LabServer } from "@/lab";

const PORT = Number(process.env.PORT ?? 3000);
const EMAIL = process.env.REAPER_ADMIN_EMAIL ?? "demo@reaper.test";
const PASSWORD = process.env.REAPER_ADMIN_PASSWORD ?? "reaper-demo";
const BASE = `http://127.0.0.1:${PORT}`;
// The customer's login: its own account, which owns one lab server (CUSTOMER_SERVER).
const CUSTOMER = { email: "customer@reaper.test", password: "reaper-customer", account: "Demo Customer Ltd" };
const CUSTOMER_SERVER = "web-01";

type ServerBody = { id: string; name: string; hostKeyFingerprint: string | null };

async function waitForApp(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(`${BASE}/login`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`the dashboard did not start on ${BASE}`);
}

async function api<T>(cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { cookie, origin: BASE, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

async function login(): Promise<string> {
  const res = await fetch(`${BASE}/api/auth/login`, {
    method: "POST",
    headers: { origin: BASE, "content-type": "application/json" },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`demo login failed (${res.status}): is REAPER_ADMIN_* different from the admin already in ./data?`);
  return (res.headers.getSetCookie().find((c) => c.startsWith("reaper_session=")) ?? "").split(";")[0] ?? "";
}

/** The customer's account and login, made once and kept (its password is set again each run). */
async function customerAccount(cookie: string): Promise<string> {
  const { accounts } = await api<{ accounts: { id: string; name: string }[] }>(cookie, "GET", "/api/accounts");
  const account = accounts.find((a) => a.name === CUSTOMER.account) ?? (await api<{ id: string }>(cookie, "POST", "/api/accounts", { name: CUSTOMER.account }));
  const { users } = await api<{ users: { id: string; email: string }[] }>(cookie, "GET", "/api/users");
  const existing = users.find((u) => u.email === CUSTOMER.email);
  if (existing) await api(cookie, "PATCH", `/api/users/${existing.id}`, { role: "customer", accountId: account.id, disabled: false, password: CUSTOMER.password });
  else await api(cookie, "POST", "/api/users", { email: CUSTOMER.email, password: CUSTOMER.password, role: "customer", accountId: account.id });
  return account.id;
}

/**
 * Lab ports and keys change every run, so existing demo servers are updated, not duplicated; a
 * key that changed at the same address is pinned through the host-key step, as staff would.
 */
async function register(cookie: string, labs: LabServer[], customerAccountId: string): Promise<Map<string, string>> {
  const scans = new Map<string, string>();
  const { servers } = await api<{ servers: ServerBody[] }>(cookie, "GET", "/api/servers");
  for (const lab of labs) {
    const fields = { name: lab.name, host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey, accountId: lab.name === CUSTOMER_SERVER ? customerAccountId : null };
    const existing = servers.find((s) => s.name === lab.name);
    let server = existing
      ? await api<ServerBody>(cookie, "PATCH", `/api/servers/${existing.id}`, fields)
      : await api<ServerBody>(cookie, "POST", "/api/servers", { ...fields, hostKeyFingerprint: lab.hostKeyFingerprint });
    if (server.hostKeyFingerprint !== lab.hostKeyFingerprint) {
      server = await api<ServerBody>(cookie, "POST", `/api/servers/${server.id}/host-key`, { fingerprint: lab.hostKeyFingerprint });
    }
    scans.set(lab.name, (await api<{ id: string }>(cookie, "POST", `/api/servers/${server.id}/scans`)).id);
  }
  return scans;
}

/** A ready snapshot link of the customer's server, as support would paste it into a ticket. */
async function shareDemoScan(cookie: string, scanId: string | undefined): Promise<string> {
  if (!scanId) return "(no scan to share)";
  const shared = await api<{ absoluteUrl: string; absoluteImageUrl: string }>(cookie, "POST", "/api/snapshots", { scanId, ticket: "DEMO-1" });
  return `${shared.absoluteUrl}\n  its picture: ${shared.absoluteImageUrl}`;
}

async function main(): Promise<void> {
  console.log("Starting lab servers…");
  const labs = await Promise.all(DEMO_SCENARIOS.map((s) => startLabServer({ name: s.name, ...s.options })));
  // Reaper's own server (scripts/serve.mjs) directly, not through npm or npx: they do not pass
  // SIGTERM on, which would leave the server running.
  const app = spawn(process.execPath, [path.join(__dirname, "serve.mjs"), "-p", String(PORT)], {
    stdio: "inherit",
    // The lab servers listen on loopback and in the lab's own namespaces (10.213.0.0/16): servers
    // may be added there and nowhere else.
    env: { REAPER_ALLOWED_NETWORKS: "127.0.0.0/8,10.213.0.0/16", ...process.env, REAPER_ADMIN_EMAIL: EMAIL, REAPER_ADMIN_PASSWORD: PASSWORD },
  });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    app.kill("SIGTERM");
    await Promise.all(labs.map((l) => l.stop()));
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  app.on("exit", (code) => {
    if (!stopping) console.error(`The dashboard exited (code ${code}). Is port ${PORT} taken? Set PORT to use another.`);
    void stop(code ?? 1);
  });

  await waitForApp();
  const cookie = await login();
  const scans = await register(cookie, labs, await customerAccount(cookie));
  const snapshot = await shareDemoScan(cookie, scans.get(CUSTOMER_SERVER));
  console.log(`
Reaper is running: ${BASE}
Support staff (admin, every server):     ${EMAIL} / ${PASSWORD}
Customer (${CUSTOMER.account}, ${CUSTOMER_SERVER} only, self-service panel): ${CUSTOMER.email} / ${CUSTOMER.password}
Lab servers: ${labs.map((l) => `${l.name} (${l.host}:${l.port}, ${l.expected.zombies} zombies)`).join(", ")}
Snapshot of ${CUSTOMER_SERVER} for a ticket (no login needed): ${snapshot}
Press Ctrl-C to stop the dashboard and the lab servers.`);
}

main().catch(async (e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
