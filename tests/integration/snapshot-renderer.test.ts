import { readdir, readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import { parseStat, type NsProcess } from "@/lab/proc-scan";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import type { NewSnapshot } from "@/lib/shared/snapshots/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { pngSize } from "@/tests/support/png";

// The shared snapshot renderer under pressure, in the real built app with the system Chromium: one
// render at a time and the shortest deadline allowed, then the browser killed under the app.
type ErrorBody = { error: { code: string; message: string } };

let app: AppServer;
let hurried: AppServer;
let lab: LabServer;

beforeAll(async () => {
  [app, hurried, lab] = await Promise.all([
    startApp(),
    startApp({ REAPER_SNAPSHOT_RENDERS: "1", REAPER_SNAPSHOT_RENDER_TIMEOUT_MS: "500" }),
    startLabServer({ name: "snapshot-renderer", scenario: { parents: [{ comm: "php-fpm", zombies: 2 }] } }),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([app?.stop(), hurried?.stop(), lab?.stop()]);
});

/** Logs in to `on`, adds the lab server, scans it, and shares that scan `n` times. */
async function sharedLinks(on: AppServer, n: number): Promise<NewSnapshot[]> {
  const api = await ApiClient.login(on);
  const server = (await api.call<Server>("POST", "/api/servers", { name: "renderer", host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey, hostKeyFingerprint: lab.hostKeyFingerprint })).body;
  const scan = (await api.call<Scan>("POST", `/api/servers/${server.id}/scans`)).body;
  return Promise.all(Array.from({ length: n }, async () => (await api.call<NewSnapshot>("POST", "/api/snapshots", { scanId: scan.id })).body));
}
const open = (on: AppServer, pathname: string) => fetch(`${on.baseUrl}${pathname}`);

/** The app's Chromium processes: its descendants named like the browser. */
async function browserOf(appPid: number): Promise<NsProcess[]> {
  const all = (await Promise.all((await readdir("/proc")).filter((n) => /^\d+$/.test(n)).map((pid) => readFile(`/proc/${pid}/stat`, "utf8").then(parseStat, () => undefined)))).filter((p): p is NsProcess => p !== undefined);
  const ppidOf = new Map(all.map((p) => [p.pid, p.ppid]));
  const descends = (pid: number): boolean => {
    for (let p = ppidOf.get(pid); p !== undefined && p > 1; p = ppidOf.get(p)) if (p === appPid) return true;
    return false;
  };
  return all.filter((p) => /chrom/i.test(p.comm) && descends(p.pid));
}

/** SIGKILL; a Chromium helper that ended since it was listed is fine (ESRCH). */
function killIfThere(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e;
  }
}

describe("twenty new pictures at once, one render at a time, 0.5 s to wait", () => {
  it("answers each with its PNG or a clear 504 RENDER_TIMEOUT, never anything else, and the page itself still opens", async () => {
    const links = await sharedLinks(hurried, 20);
    const answers = await Promise.all(links.map(async (s) => ({ s, res: await open(hurried, s.imageUrl) })));
    expect(answers.map((a) => a.res.status).filter((st) => st !== 200 && st !== 504)).toEqual([]);
    const timedOut = answers.filter((a) => a.res.status === 504);
    // Twenty Chromium renders, one at a time, cannot all fit in half a second: the deadline shows.
    expect(timedOut.length).toBeGreaterThan(0);
    for (const a of timedOut) {
      const body = (await a.res.json()) as ErrorBody;
      expect(body.error.code).toBe("RENDER_TIMEOUT");
      expect(body.error.message).toMatch(/not ready within 0\.5 s .*Try again in a moment; the page itself works\./);
    }
    for (const a of answers.filter((x) => x.res.status === 200)) expect(pngSize(Buffer.from(await a.res.arrayBuffer())).width).toBe(1200);
    expect((await open(hurried, timedOut[0]!.s.url)).status).toBe(200);
    expect(hurried.logs()).not.toMatch(/INTERNAL/);
  }, 180_000);
});

describe("the browser killed under the app", () => {
  it("is started again for the next picture; the app keeps answering", async () => {
    const [s1, s2] = await sharedLinks(app, 2);
    expect((await open(app, s1!.imageUrl)).status).toBe(200);
    const before = await browserOf(app.pid);
    expect(before.length).toBeGreaterThan(0);
    for (const p of before) killIfThere(p.pid);

    const res = await open(app, s2!.imageUrl);
    expect(res.status).toBe(200);
    expect(pngSize(Buffer.from(await res.arrayBuffer())).width).toBe(1200);
    const after = await browserOf(app.pid);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((p) => before.some((b) => b.pid === p.pid))).toEqual([]);
    expect(app.logs()).not.toMatch(/INTERNAL/);
  }, 180_000);
});
