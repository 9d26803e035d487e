// npm run bench:load: 50 API clients at once scanning and reading 20 lab servers for 2 minutes, on
// loopback only. Reports errors, API latency (p50/p99, next to GET /api/health measured alone in the
// same run as the baseline), the most SSH connections any server held, and the app's memory across
// the run. Shorter runs: LOAD_SESSIONS, LOAD_SERVERS, LOAD_SECONDS.
import { startLabServer, type LabServer } from "@/lab";
import { ms, ratio, sample, median } from "@/bench/stats";
import { ApiClient } from "@/tests/support/api-client";
import { startApp } from "@/tests/support/app-server";
import { addLabServers, memoryTrend, percentile, runLoad } from "@/tests/support/load-driver";

const num = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

async function startLabs(count: number): Promise<LabServer[]> {
  const labs: LabServer[] = [];
  // A few at a time: each starts sshd and a namespace, and the machine has two cores.
  for (let i = 0; i < count; i += 5) {
    labs.push(...(await Promise.all(Array.from({ length: Math.min(5, count - i) }, (_, k) => startLabServer({ name: `load-${i + k + 1}`, scenario: { fillerProcesses: 40, parents: [{ comm: "httpd", zombies: 3 }] } })))));
  }
  return labs;
}

async function main(): Promise<void> {
  const sessions = num("LOAD_SESSIONS", 50);
  const serverCount = num("LOAD_SERVERS", 20);
  const seconds = num("LOAD_SECONDS", 120);
  const labs = await startLabs(serverCount);
  const app = await startApp({ REAPER_LOG_LEVEL: "error" });
  try {
    const admin = await ApiClient.login(app);
    const servers = await addLabServers(admin, labs);
    const health = ApiClient.anonymous(app);
    const baseline = median(await sample(50, async () => void (await health.call("GET", "/api/health"))));

    const f = await runLoad(app, admin, labs, servers, { sessions, durationMs: seconds * 1000, scanEvery: 10, sampleMs: 2_000 });
    const trend = memoryTrend(f.memory);
    const p = (xs: number[], q: number) => percentile(xs, q);
    console.log(`\nLoad: ${sessions} clients, ${serverCount} lab servers, ${seconds} s: ${f.requests.toLocaleString("en")} requests (${(f.requests / seconds).toFixed(0)}/s), ${f.errors.length} errors`);
    console.log(`  baseline GET /api/health alone (median)   ${ms(baseline)}`);
    console.log(`  all     p50 ${ms(p(f.latencyMs.all, 50)).padStart(10)} (${ratio(p(f.latencyMs.all, 50), baseline)} of baseline)   p99 ${ms(p(f.latencyMs.all, 99)).padStart(10)}`);
    console.log(`  reads   p50 ${ms(p(f.latencyMs.reads, 50)).padStart(10)}   p99 ${ms(p(f.latencyMs.reads, 99)).padStart(10)}   (${f.latencyMs.reads.length} requests)`);
    console.log(`  scans   p50 ${ms(p(f.latencyMs.scans, 50)).padStart(10)}   p99 ${ms(p(f.latencyMs.scans, 99)).padStart(10)}   (${f.latencyMs.scans.length} requests)`);
    console.log(`  SSH connections per server, most at any sample: ${f.maxConnectionsPerHost}   (aim: 1, a pooled connection per server)`);
    console.log(`  app memory: ${trend.middleMb.toFixed(0)} MB (middle third) -> ${trend.lastMb.toFixed(0)} MB (last third): ${trend.ratio.toFixed(2)}x   (aim: flat, under 1.25x)`);
    for (const e of f.errors.slice(0, 10)) console.log(`  error: ${e}`);
    if (f.errors.length > 0) process.exitCode = 1;
  } finally {
    await app.stop();
    await Promise.all(labs.map((l) => l.stop()));
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
