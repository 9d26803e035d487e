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
import { benchFleetStores } from "@/bench/fleet-stores";
import { ms, ratio } from "@/bench/stats";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { readEvents } from "@/tests/support/sse";

const run = promisify(execFile);
const SIZES = [25, 50, 100];
const CONCURRENCY = 64;
/** Long enough that the memory phase's connections are all still open when it is measured. */
const IDLE_MS = 300_000;
/** Pooled connections to hold for the memory figure: extra client keys make each record a connection of its own. */
const HOLD = Number(process.env.BENCH_FLEET_CONNECTIONS ?? 1000);

type Times = { reaperCold: number; reaperWarm: number; pssh: number; ansible: number };

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
      for (const s of servers) ids.push(await add(s, `${s.name}-k${keys}`, key.privateKey));
      return { ids, keyFile };
    };
    const held: string[] = [];

    const { command } = buildScanCommand();
    const sshOpts = (keyFile: string) => ["-i", keyFile, "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ControlMaster=no", "-o", "ControlPath=none"];

    const reaperScan = async (serverIds: string[]) => {
      const res = await admin.call<{ id: string }>("POST", "/api/fleet/scans", { serverIds });
      if (res.status !== 202) throw new Error(`fleet scan answered ${res.status}: ${JSON.stringify(res.body)}`);
      const { events } = await readEvents(app, `/api/fleet/scans/${res.body.id}/events`, admin.cookie!, "done", 600_000);
      const done = events.at(-1)?.data as { total: number; failed: number } | undefined;
      if (!done || done.failed > 0) throw new Error(`fleet scan of ${serverIds.length} ended with ${JSON.stringify(done)}`);
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

      // Cold: logins Reaper has never used; warm: the same again, over the pooled connections.
      const reaperCold = await timed(() => reaperScan(ids));
      const reaperWarm = await timed(() => reaperScan(ids));
      const pssh = await timed(async () => {
        await run("parallel-ssh", ["-h", hosts, "-p", String(CONCURRENCY), "-t", "120", "-o", outDir, "-x", sshOpts(keyFile).join(" "), command], { maxBuffer: 64 << 20 });
      });
      const outputs = fs.readdirSync(outDir).filter((f) => fs.statSync(path.join(outDir, f)).size > 0).length;
      if (outputs !== n) throw new Error(`parallel-ssh answered for ${outputs} of ${n} servers`);
      const ansible = await timed(async () => {
        await run("ansible", ["all", "-i", inventory, "-m", "command", "-a", `env ${command}`, "-f", String(CONCURRENCY), "--private-key", keyFile, "-o"], {
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
        });
      });
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

    // Memory: many pooled connections at once. Each extra key makes every server's record a login
    // of its own, hence a pooled connection of its own (and a sshd session on the lab side).
    const before = await dashboardRssMb(app);
    const pooled = held.length;
    while (held.length < HOLD) held.push(...(await freshLogins(fleet.servers.slice(0, Math.min(largest, HOLD - held.length)))).ids);
    // Long enough an idle time would drop them: hold them by scanning them all, then measure at once.
    const holdMs = await timed(() => reaperScan(held));
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
