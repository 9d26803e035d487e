// npm run bench:fleet -- --stores: the same fleet scan through Reaper's API on SQLite with one
// instance (the baseline, measured in the same run), on PostgreSQL with one instance, and on
// PostgreSQL with two instances sharing the database and its pg-boss jobs; cold and warm.
// BENCH_FLEET_SERVERS lab servers (default 25); BENCH_FLEET_CONCURRENCY scans at once per instance
// (default 8: small enough that an instance's slots, not the machine, bound the scan, which is
// what a second instance adds).
import { randomBytes } from "node:crypto";
import os from "node:os";
import { startLabFleet, type LabServer } from "@/lab";
import { databaseOn, startPostgres } from "@/lab/postgres";
import { busyPercentSince, cpuMark } from "@/bench/cpu-busy";
import { ms, ratio } from "@/bench/stats";
import { ApiClient } from "@/tests/support/api-client";
import { startApp } from "@/tests/support/app-server";
import { readEvents } from "@/tests/support/sse";

const SERVERS = Number(process.env.BENCH_FLEET_SERVERS ?? 25);
const CONCURRENCY = Number(process.env.BENCH_FLEET_CONCURRENCY ?? 8);

/** Wall times, and how busy the machine's CPUs were during each scan (percent of all cores). */
type Times = { cold: number; warm: number; coldBusy: number; warmBusy: number };

/** A cold and a warm fleet scan asked of the first instance and followed to the end on the last one. */
async function measure(servers: LabServer[], env: Record<string, string>, instances: number): Promise<Times> {
  const apps = await Promise.all(Array.from({ length: instances }, () => startApp({ REAPER_LOG_LEVEL: "error", REAPER_FLEET_CONCURRENCY: String(CONCURRENCY), ...env })));
  try {
    const first = apps[0]!;
    const last = apps.at(-1)!;
    const admin = await ApiClient.login(first);
    const ids: string[] = [];
    for (const s of servers) {
      const res = await admin.call<{ id: string }>("POST", "/api/servers", { name: s.name, host: s.host, port: s.port, username: s.username, privateKey: s.privateKey, hostKeyFingerprint: s.hostKeyFingerprint });
      if (res.status !== 201) throw new Error(`adding ${s.name} answered ${res.status}`);
      ids.push(res.body.id);
    }
    const scan = async () => {
      const t0 = performance.now();
      const cpu = cpuMark();
      const res = await admin.call<{ id: string }>("POST", "/api/fleet/scans", { serverIds: ids });
      if (res.status !== 202) throw new Error(`fleet scan answered ${res.status}: ${JSON.stringify(res.body)}`);
      const { events } = await readEvents(last, `/api/fleet/scans/${res.body.id}/events`, admin.cookie!, "done", 600_000);
      const done = events.at(-1)?.data as { total: number; failed: number } | undefined;
      if (!done || done.failed > 0) throw new Error(`fleet scan of ${ids.length} ended with ${JSON.stringify(done)}`);
      return { ms: performance.now() - t0, busy: busyPercentSince(cpu) };
    };
    const cold = await scan();
    const warm = await scan();
    return { cold: cold.ms, warm: warm.ms, coldBusy: cold.busy, warmBusy: warm.busy };
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
  }
}

export async function benchFleetStores(): Promise<void> {
  const t0 = Date.now();
  const [fleet, cluster] = await Promise.all([
    startLabFleet(SERVERS, { prefix: "stores", concurrency: 6, scenario: () => ({ parents: [{ comm: "httpd", zombies: 5 }] }) }),
    startPostgres(),
  ]);
  console.log(`${SERVERS} lab servers and a PostgreSQL cluster up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  try {
    const postgres = async (db: string) => ({ DATABASE_URL: await databaseOn(cluster.url, db), REAPER_SECRET_KEY: randomBytes(32).toString("base64") });
    const sqlite = await measure(fleet.servers, {}, 1);
    console.log(`SQLite, 1 instance: cold ${ms(sqlite.cold)}, warm ${ms(sqlite.warm)}`);
    const pgOne = await measure(fleet.servers, await postgres("bench_one"), 1);
    console.log(`PostgreSQL, 1 instance: cold ${ms(pgOne.cold)}, warm ${ms(pgOne.warm)}`);
    const pgTwo = await measure(fleet.servers, await postgres("bench_two"), 2);
    console.log(`PostgreSQL, 2 instances: cold ${ms(pgTwo.cold)}, warm ${ms(pgTwo.warm)}`);

    console.log(`\nFleet scan of ${SERVERS} lab servers, ${CONCURRENCY} at once per instance, one run each (asked of one instance, followed on the other)`);
    console.log("                               cold        warm    cold / warm vs SQLite 1   cold / warm vs PostgreSQL 1   CPUs busy cold / warm");
    const pct = (x: number) => `${x.toFixed(0)}%`;
    const row = (name: string, t: Times, vsPg: string) =>
      console.log(`${name.padEnd(26)} ${ms(t.cold).padStart(10)}  ${ms(t.warm).padStart(10)}    ${ratio(t.cold, sqlite.cold)} / ${ratio(t.warm, sqlite.warm)}`.padEnd(85) + vsPg.padEnd(30) + `${pct(t.coldBusy)} / ${pct(t.warmBusy)}`);
    row("SQLite, 1 instance", sqlite, "");
    row("PostgreSQL, 1 instance", pgOne, `${ratio(pgOne.cold, pgOne.cold)} / ${ratio(pgOne.warm, pgOne.warm)}`);
    row("PostgreSQL, 2 instances", pgTwo, `${ratio(pgTwo.cold, pgOne.cold)} / ${ratio(pgTwo.warm, pgOne.warm)}`);
    console.log("   aim: PostgreSQL 1 instance <= 1.2x SQLite; 2 instances <= 0.6x one instance");
    console.log(`   this machine: ${os.cpus().length} cores shared by the instances, PostgreSQL and every lab sshd; near 100% busy, a second instance has no CPU to add`);
  } finally {
    await fleet.stop();
    await cluster.stop();
  }
}
