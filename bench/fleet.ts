// npm run bench:fleet: a full fleet scan through Reaper's API, cold and warm, against parallel-ssh
// and Ansible running the very same remote command on the very same lab servers with the same
// concurrency, in the same run; then the dashboard's memory with many pooled connections.
// `npm run bench:fleet -- --stores` compares SQLite and PostgreSQL instead (bench/fleet-stores.ts).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { generateClientKey, startLabFleet, type LabServer } from "@/lab";
import { buildScanCommand } from "@/lib/server/scan/command/scan-command";
import type { FleetScanResult } from "@/lib/shared/fleet/types";
import { benchFleetStores } from "@/bench/fleet-stores";
import { ms, ratio } from "@/bench/stats";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { readEvents } from "@/tests/support/sse";

const run = promisify(execFile);
/** Fleet sizes to time, e.g. BENCH_FLEET_SIZES=25,50 on a machine that cannot hold 100 lab servers. */
const SIZES = (process.env.BENCH_FLEET_SIZES ?? "25,50,100").split(",").map(Number);
const CONCURRENCY = 64;
/** Long enough that the memory phase's connections are all still open when it is measured. */
const IDLE_MS = 300_000;
/** Pooled connections to hold for the memory figure (0: skip it): extra client keys make each record a connection of its own. */
const HOLD = Number(process.env.BENCH_FLEET_CONNECTIONS ?? 1000);

type Times = { reaperCold: number; reaperWarm: number; pssh: number; ansible: number };
/** Servers that did not answer in one timed run, each as "name (host:port): CODE message". */
type Failures = string[];

/** The machine's load while timing: on a shared box the ratios only mean something beside it. */
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" ");

function report(tool: string, n: number, failures: Failures): void {
  if (failures.length === 0) return;
  console.log(`  ${tool}: ${failures.length} of ${n} servers failed (the time counts them as they ended):`);
  for (const f of failures.slice(0, 20)) console.log(`    ${f}`);
  if (failures.length > 20) console.log(`    ... and ${failures.length - 20} more`);
}

/** A failed tool run still took its time: what it said about each host is kept, and the bench goes on. */
async function tolerant(fn: () => Promise<unknown>): Promise<{ stdout: string; error: string | null }> {
  try {
    const out = (await fn()) as { stdout?: string };
    return { stdout: out.stdout ?? "", error: null };
  } catch (e) {
    const err = e as { stdout?: string; code?: number | string; message?: string };
    return { stdout: err.stdout ?? "", error: `exited with ${err.code ?? err.message ?? "an error"}` };
  }
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Resident memory of the process listening on the app's port (the dashboard itself). */
async function dashboardRssMb(app: AppServer): Promise<number> {
  const port = new URL(app.baseUrl).port;
  const { stdout } = await run("ss", ["-Hltnp", `sport = :${port}`]);
  const pid = /pid=(\d+)/.exec(stdout)?.[1];
  if (!pid) throw new Error(`no process listens on port ${port}: ${stdout}`);
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

async function main(): Promise<void> {
  const largest = Math.max(...SIZES);
  const t0 = Date.now();
  const fleet = await startLabFleet(largest, { prefix: "bench", concurrency: 6, scenario: () => ({ parents: [{ comm: "httpd", zombies: 5 }] }) });
  console.log(`${largest} lab servers up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const app = await startApp({ REAPER_SSH_IDLE_MS: String(IDLE_MS), REAPER_LOG_LEVEL: "error", REAPER_FLEET_CONCURRENCY: String(CONCURRENCY) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reaper-bench-fleet-"));
  try {
    const admin = await ApiClient.login(app);
    const add = async (s: LabServer, name: string, privateKey: string) => {
      const res = await admin.call<{ id: string }>("POST", "/api/servers", { name, host: s.host, port: s.port, username: "root", privateKey, hostKeyFingerprint: s.hostKeyFingerprint });
      if (res.status !== 201) throw new Error(`adding ${name} answered ${res.status}`);
      return res.body.id;
    };
    /**
     * A fresh client key authorised on these servers, and a Reaper record of each with it. A pooled
     * connection is one per login, so new records start cold, and every tool uses the same key.
     */
    let keys = 0;
    const freshLogins = async (servers: LabServer[]) => {
      const key = await generateClientKey("ed25519");
      await Promise.all(servers.map((s) => s.authorizeKey(key.publicKey)));
      const keyFile = path.join(dir, `id-${++keys}`);
      fs.writeFileSync(keyFile, key.privateKey, { mode: 0o600 });
      const ids: string[] = [];
      for (const s of servers) {
        const id = await add(s, `${s.name}-k${keys}`, key.privateKey);
        labelOf.set(id, `${s.name}-k${keys} (${s.host}:${s.port})`);
        ids.push(id);
      }
      return { ids, keyFile };
    };
    const held: string[] = [];

    const { command } = buildScanCommand();
    const sshOpts = (keyFile: string) => ["-i", keyFile, "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ControlMaster=no", "-o", "ControlPath=none"];

    const labelOf = new Map<string, string>();
    /** One fleet scan to its end; the servers that failed, by name and error code. */
    const reaperScan = async (serverIds: string[]): Promise<Failures> => {
      const res = await admin.call<{ id: string }>("POST", "/api/fleet/scans", { serverIds });
      if (res.status !== 202) throw new Error(`fleet scan answered ${res.status}: ${JSON.stringify(res.body)}`);
      const { events } = await readEvents(app, `/api/fleet/scans/${res.body.id}/events`, admin.cookie!, "done", 600_000);
      if (events.at(-1)?.event !== "done") throw new Error(`the fleet scan of ${serverIds.length} servers did not finish within 10 minutes`);
      return events.flatMap((e) => {
        const r = e.event === "result" ? (e.data as { result: FleetScanResult }).result : null;
        return r?.status === "error" ? [`${labelOf.get(r.serverId) ?? r.serverId}: ${r.error?.code ?? "ERROR"} ${r.error?.message ?? ""}`.trim()] : [];
      });
    };

    const rows: { n: number; t: Times }[] = [];
    for (const n of SIZES) {
      const servers = fleet.servers.slice(0, n);
      const hosts = path.join(dir, `hosts-${n}`);
      fs.writeFileSync(hosts, servers.map((s) => `root@${s.host}:${s.port}`).join("\n") + "\n");
      const inventory = path.join(dir, `inventory-${n}`);
      fs.writeFileSync(inventory, servers.map((s) => `${s.name} ansible_host=${s.host} ansible_port=${s.port} ansible_user=root`).join("\n") + "\n");
      const outDir = path.join(dir, `pssh-out-${n}`);
      const { ids, keyFile } = await freshLogins(servers);
      held.push(...ids);

      const loadBefore = load();
      // Cold: logins Reaper has never used; warm: the same again, over the pooled connections.
      let coldFailures: Failures = [];
      let warmFailures: Failures = [];
      const reaperCold = await timed(async () => void (coldFailures = await reaperScan(ids)));
      report("Reaper cold", n, coldFailures);
      const reaperWarm = await timed(async () => void (warmFailures = await reaperScan(ids)));
      report("Reaper warm", n, warmFailures);
      let psshRun = { stdout: "", error: null as string | null };
      const pssh = await timed(async () => {
        psshRun = await tolerant(() => run("parallel-ssh", ["-h", hosts, "-p", String(CONCURRENCY), "-t", "120", "-o", outDir, "-x", sshOpts(keyFile).join(" "), command], { maxBuffer: 64 << 20 }));
      });
      const answered = new Set(fs.existsSync(outDir) ? fs.readdirSync(outDir).filter((f) => fs.statSync(path.join(outDir, f)).size > 0) : []);
      report("parallel-ssh", n, servers.filter((s) => !answered.has(`root@${s.host}:${s.port}`) && !answered.has(s.host)).map((s) => `${s.name} (${s.host}:${s.port}): no output${psshRun.error ? `; parallel-ssh ${psshRun.error}` : ""}`));
      let ansibleRun = { stdout: "", error: null as string | null };
      const ansible = await timed(async () => {
        ansibleRun = await tolerant(() =>
          run("ansible", ["all", "-i", inventory, "-m", "command", "-a", `env ${command}`, "-f", String(CONCURRENCY), "--private-key", keyFile, "-o"], {
            maxBuffer: 256 << 20,
            env: {
              ...process.env,
              ANSIBLE_HOST_KEY_CHECKING: "False",
              ANSIBLE_SSH_ARGS: "-o ControlMaster=no -o ControlPath=none -o UserKnownHostsFile=/dev/null",
              ANSIBLE_PYTHON_INTERPRETER: "/usr/bin/python3",
              ANSIBLE_LOCAL_TEMP: path.join(dir, "ansible-local"),
              ANSIBLE_REMOTE_TEMP: "/tmp/.ansible-bench",
              ANSIBLE_NOCOLOR: "1",
            },
          }),
        );
      });
      // `-o` prints one line per host: "name | CHANGED | rc=0 | (stdout) ..." or "name | UNREACHABLE! => ...".
      report("ansible", n, ansibleRun.stdout.split("\n").filter((l) => /^\S+ \| (UNREACHABLE|FAILED)/.test(l)).map((l) => l.slice(0, 200)));
      console.log(`  machine load (1, 5, 15 min) before N=${n}: ${loadBefore}; after: ${load()}`);
      rows.push({ n, t: { reaperCold, reaperWarm, pssh, ansible } });
      console.log(`N=${n}: pssh ${ms(pssh)}, ansible ${ms(ansible)}, Reaper cold ${ms(reaperCold)} (${ratio(reaperCold, pssh)} of pssh), warm ${ms(reaperWarm)} (${ratio(reaperWarm, pssh)} of pssh, ${ratio(reaperWarm, ansible)} of ansible)`);
    }

    console.log(`\nFleet scan of N lab servers, same remote command (Reaper's scan), concurrency ${CONCURRENCY}, one run each`);
    console.log("   N   parallel-ssh      ansible   Reaper cold (vs pssh)       Reaper warm (vs pssh, vs ansible)");
    for (const { n, t } of rows) {
      console.log(
        `${String(n).padStart(4)}  ${ms(t.pssh).padStart(12)}  ${ms(t.ansible).padStart(11)}   ${ms(t.reaperCold).padStart(10)} (${ratio(t.reaperCold, t.pssh)})` +
          `   ${ms(t.reaperWarm).padStart(10)} (${ratio(t.reaperWarm, t.pssh)}, ${ratio(t.reaperWarm, t.ansible)})   cold vs ansible ${ratio(t.reaperCold, t.ansible)}`,
      );
    }
    console.log("   aim: Reaper cold <= 0.50x pssh, warm <= 0.10x pssh, <= 0.10x ansible");
    console.log(`   ${os.cpus().length} CPUs; load average now ${load()}`);
    if (HOLD <= 0) return;

    // Memory: many pooled connections at once. Each extra key makes every server's record a login
    // of its own, hence a pooled connection of its own (and a sshd session on the lab side).
    const before = await dashboardRssMb(app);
    const pooled = held.length;
    while (held.length < HOLD) held.push(...(await freshLogins(fleet.servers.slice(0, Math.min(largest, HOLD - held.length)))).ids);
    // Long enough an idle time would drop them: hold them by scanning them all, then measure at once.
    const holdMs = await timed(async () => report("Reaper (holding connections)", held.length, await reaperScan(held)));
    const rss = await dashboardRssMb(app);
    console.log(`\nDashboard memory (RSS of the Next.js server process)`);
    console.log(`  baseline: after the scans above, ${pooled} pooled connections   ${before.toFixed(0)} MB`);
    console.log(`  ${held.length} pooled connections (a fleet scan of ${held.length} logins, cold, took ${ms(holdMs)})   ${rss.toFixed(0)} MB   ${ratio(rss, before)} of baseline   (aim: under 300 MB)`);
  } finally {
    await app.stop();
    await fleet.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

(process.argv.includes("--stores") ? benchFleetStores() : main()).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
