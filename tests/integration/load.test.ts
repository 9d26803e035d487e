import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { addLabServers, memoryTrend, runLoad, type LoadFigures } from "@/tests/support/load-driver";

// The short version of `npm run bench:load`: a dozen clients scanning and reading four lab servers
// for 20 s. Behaviour only (the figures are the benchmark's): every answer is a success, each server
// gets one pooled SSH connection however many clients scan it, and the app's memory does not grow
// with the requests.
let app: AppServer;
let labs: LabServer[];
let figures: LoadFigures;

beforeAll(async () => {
  [app, ...labs] = await Promise.all([
    startApp({ REAPER_LOG_LEVEL: "error" }),
    ...Array.from({ length: 4 }, (_, i) => startLabServer({ name: `load-${i + 1}`, scenario: { parents: [{ comm: "httpd", zombies: 2 }] } })),
  ]);
  const admin = await ApiClient.login(app);
  const servers: Server[] = await addLabServers(admin, labs);
  figures = await runLoad(app, admin, labs, servers, { sessions: 12, durationMs: 20_000, scanEvery: 6, sampleMs: 1_000 });
}, 120_000);
afterAll(async () => {
  await Promise.all([app?.stop(), ...(labs ?? []).map((l) => l.stop())]);
});

describe("a short load", () => {
  it("answers every request with success, scans included", () => {
    expect(figures.errors).toEqual([]);
    expect(figures.latencyMs.scans.length).toBeGreaterThan(10);
    expect(figures.requests).toBeGreaterThan(100);
  });

  it("holds one pooled SSH connection per server, however many clients scan it", () => {
    expect(figures.maxConnectionsPerHost).toBeGreaterThanOrEqual(1);
    expect(figures.maxConnectionsPerHost).toBeLessThanOrEqual(1);
  });

  it("keeps the app's memory flat as the requests go on", () => {
    expect(figures.memory.length).toBeGreaterThanOrEqual(9);
    expect(memoryTrend(figures.memory).ratio).toBeLessThan(1.25);
  });
});
