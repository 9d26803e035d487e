// Bench: a snapshot's picture through the production build, against a bare Chromium screenshot of the
// same HTML in the same run (the floor: Reaper's renderer cannot beat Chromium itself). Measured: the
// first render of a snapshot (browser already running), the cached answer, and 20 new snapshots
// asked for at once, with the memory of the app's process tree (node + its Chromium) before and after.
import fs from "node:fs";
import { chromium } from "playwright";
import { startLabServer } from "@/lab";
import { median } from "@/bench/stats";
import { chromiumLaunch, SNAPSHOT_IMAGE_WIDTH as IMAGE_WIDTH } from "@/lib/server/snapshots/chromium-launch";
import { ApiClient } from "@/tests/support/api-client";
import { startApp } from "@/tests/support/app-server";

const RUNS = 7;
const CACHED_RUNS = 30;
const AT_ONCE = 20;

export type SnapshotImageFigures = {
  processes: number;
  runs: number;
  launchAndFirstMs: number;
  firstRenderMs: number;
  cachedMs: number;
  baselineMs: number;
  atOnce: { asked: number; ok: number; wallMs: number; rssBeforeMb: number; rssAfterMb: number };
};

/** Resident memory of a process and all its descendants (Chromium runs as the app's children), in MiB. */
function treeRssMb(root: number): number {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(name), Number(fields[1]));
      rss.set(Number(name), Number(fields[21]) * 4096);
    } catch {
      // the process ended while we looked
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parents.get(p)) if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const [pid, bytes] of rss) if (inTree(pid)) total += bytes;
  return total / 1024 / 1024;
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function benchSnapshotImage(): Promise<SnapshotImageFigures> {
  const [app, lab] = await Promise.all([startApp({ REAPER_LOG_LEVEL: "error" }), startLabServer({ name: "bench-snap", scenario: { parents: [{ comm: "php-fpm", zombies: 40, liveChildren: 20 }], fillerProcesses: 150 } })]);
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const admin = await ApiClient.login(app);
    const server = await admin.call<{ id: string }>("POST", "/api/servers", { name: "bench-snap", host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey, hostKeyFingerprint: lab.hostKeyFingerprint });
    const scan = await admin.call<{ id: string; summary: { processes: number } }>("POST", `/api/servers/${server.body.id}/scans`);
    const share = async () => (await admin.call<{ url: string; imageUrl: string }>("POST", "/api/snapshots", { scanId: scan.body.id, ticket: "BENCH-1" })).body;
    const image = async (path: string) => {
      const res = await fetch(`${app.baseUrl}${path}`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    };

    // The very first picture also starts the app's shared Chromium.
    const launchAndFirstMs = await timed(() => share().then((s) => image(s.imageUrl)));
    const firsts: number[] = [];
    const cached: number[] = [];
    const baseline: number[] = [];
    const page = await (await browser.newContext({ viewport: { width: IMAGE_WIDTH, height: 630 }, deviceScaleFactor: 1 })).newPage();
    for (let i = 0; i < RUNS; i++) {
      const s = await share();
      firsts.push(await timed(() => image(s.imageUrl)));
      const html = await (await fetch(`${app.baseUrl}${s.url}`)).text();
      baseline.push(await timed(async () => {
        await page.setContent(html, { waitUntil: "load" });
        await page.screenshot({ type: "png", fullPage: true });
      }));
      if (i === 0) for (let j = 0; j < CACHED_RUNS; j++) cached.push(await timed(() => image(s.imageUrl)));
    }

    const fresh = await Promise.all(Array.from({ length: AT_ONCE }, () => share()));
    const rssBeforeMb = treeRssMb(app.pid);
    let ok = 0;
    const wallMs = await timed(async () => {
      await Promise.all(fresh.map((s) => image(s.imageUrl).then(() => (ok += 1), () => undefined)));
    });
    const rssAfterMb = treeRssMb(app.pid);
    return {
      processes: scan.body.summary.processes,
      runs: RUNS,
      launchAndFirstMs,
      firstRenderMs: median(firsts),
      cachedMs: median(cached),
      baselineMs: median(baseline),
      atOnce: { asked: AT_ONCE, ok, wallMs, rssBeforeMb, rssAfterMb },
    };
  } finally {
    await browser.close();
    await Promise.all([app.stop(), lab.stop()]);
  }
}
