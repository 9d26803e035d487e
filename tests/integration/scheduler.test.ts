import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import type { Account } from "@/lib/shared/people/types";
import type { ScanListItem } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";

// Background scans of real lab servers by the real app. A scheduling "minute" is shortened to
// MINUTE_MS so intervals pass within the test; everything else is as deployed.
const MINUTE_MS = 300;
const ENV = { REAPER_SCAN_MINUTE_MS: String(MINUTE_MS) };

let app: AppServer;
let api: ApiClient;
let lab: LabServer;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "reaper-scheduler-"));

beforeAll(async () => {
  [app, lab] = await Promise.all([startApp(ENV, { dataDir }), startLabServer({ name: "scheduled", scenario: { parents: [{ comm: "httpd", zombies: 3 }] } })]);
  api = await ApiClient.login(app);
});
afterAll(async () => {
  await Promise.all([app?.stop(), lab?.stop()]);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function addServer(name: string, over: Record<string, unknown> = {}): Promise<Server> {
  const res = await api.call<Server>("POST", "/api/servers", { name, host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey, hostKeyFingerprint: lab.hostKeyFingerprint, ...over });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Oldest first. */
async function scansOf(id: string): Promise<ScanListItem[]> {
  const res = await api.call<{ scans: ScanListItem[] }>("GET", `/api/servers/${id}/scans?limit=200`);
  expect(res.status).toBe(200);
  return [...res.body.scans].reverse();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const startOf = (s: ScanListItem) => Date.parse(s.startedAt);

/** Each scan starts after the one before it ended: never two of one server at once. */
function expectNoOverlap(scans: ScanListItem[]): void {
  for (let i = 1; i < scans.length; i++) {
    const prev = scans[i - 1] as ScanListItem;
    expect(startOf(scans[i] as ScanListItem), `scan ${i} started before scan ${i - 1} ended`).toBeGreaterThanOrEqual(startOf(prev) + prev.durationMs);
  }
}

describe("background scans", () => {
  let every: Server;
  let fast: Server;
  let inherits: Server;
  let off: Server;
  let windowMs: number;

  beforeAll(async () => {
    const account = await api.call<Account>("POST", "/api/accounts", { name: "Scheduled customer" });
    const patched = await api.call<Account>("PATCH", `/api/accounts/${account.body.id}`, { scanIntervalMinutes: 4 });
    expect(patched.body.scanIntervalMinutes).toBe(4);
    const t0 = Date.now();
    [every, fast, inherits, off] = await Promise.all([
      addServer("every-3", { scanIntervalMinutes: 3 }),
      // Shorter than a scan takes on this machine: the scheduler finds it due while it still runs.
      addServer("every-1", { scanIntervalMinutes: 1 }),
      addServer("account-4", { accountId: account.body.id }),
      addServer("off"),
    ]);
    await sleep(12 * MINUTE_MS);
    windowMs = Date.now() - t0;
  });

  it("are off by default", async () => {
    expect(off.scanIntervalMinutes).toBeNull();
    expect(await scansOf(off.id)).toEqual([]);
  });

  it("honour each server's interval, or its account's: never sooner, and on time", async () => {
    for (const [server, minutes] of [[every, 3], [inherits, 4]] as const) {
      const scans = await scansOf(server.id);
      const intervalMs = minutes * MINUTE_MS;
      expect(scans.length, `${server.name}: ${scans.length} scans in ${windowMs} ms`).toBeLessThanOrEqual(Math.floor(windowMs / intervalMs) + 1);
      expect(scans.length, `${server.name}: ${scans.length} scans in ${windowMs} ms`).toBeGreaterThanOrEqual(2);
      // Planned an interval after the previous one was queued; a scan may start late, never early.
      for (let i = 1; i < scans.length; i++) {
        expect(startOf(scans[i] as ScanListItem) - startOf(scans[i - 1] as ScanListItem)).toBeGreaterThan(intervalMs / 2);
      }
    }
  });

  it("never run two scans of one server at once, even when a scan outlasts the interval", async () => {
    const scans = await scansOf(fast.id);
    expect(scans.length).toBeGreaterThanOrEqual(3);
    expectNoOverlap(scans);
    expectNoOverlap(await scansOf(every.id));
  });

  it("survive a restart: the plan is in the store, and scanning goes on without anyone asking", async () => {
    const before = await Promise.all([every, inherits, off].map(async (s) => (await scansOf(s.id)).length));
    await app.stop();
    await sleep(2 * MINUTE_MS);
    app = await startApp(ENV, { dataDir });
    api = await ApiClient.login(app);
    // Scanning goes on by itself. On PostgreSQL a scan the stopped app handed back first waits its
    // retry delay (5-10 s), holding its queue's later jobs (see the README), so wait for it to come.
    const counts = () => Promise.all([every, inherits, off].map(async (s) => (await scansOf(s.id)).length));
    let after = await counts();
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && !(after[0]! > before[0]! && after[1]! > before[1]!); after = await counts()) await sleep(10 * MINUTE_MS);
    expect(after[0]).toBeGreaterThan(before[0] ?? 0);
    expect(after[1]).toBeGreaterThan(before[1] ?? 0);
    expect(after[2]).toBe(0);
    expectNoOverlap(await scansOf(fast.id));
    expect((await api.call<Server>("GET", `/api/servers/${every.id}`)).body.scanIntervalMinutes).toBe(3);
    // A stop and a start of the real app: slow on a loaded machine.
  }, 120_000);

  it("refuses an interval outside 1-1440 minutes, naming the field", async () => {
    for (const bad of [0, 1441, 2.5, "5"]) {
      const res = await api.call<{ error: { code: string; field: string; message: string } }>("PATCH", `/api/servers/${off.id}`, { scanIntervalMinutes: bad });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: "VALIDATION", field: "scanIntervalMinutes" });
      expect(res.body.error.message).toMatch(/1 to 1440/);
    }
  });
});
