// Reaper's scan through the API against what an agent types by hand on the same lab host, in the
// same run: `ps axo pid=,stat= | awk '$2~/^Z/ { print }'` and then `pstree -s -p` of the first
// zombie. Warm: Reaper's pooled connection against the pair over an OpenSSH ControlMaster
// connection; cold: a new connection against plain `ssh` for each of the two commands. Reaper's
// pstree step runs after its answer; the next sample waits until it has landed, so it never
// competes with what is measured next.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { startLabServer, type LabServer } from "@/lab";
import { median, ms, ratio } from "@/bench/stats";
import type { Scan } from "@/lib/shared/scan/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { settledScan } from "@/tests/lab/scan-through-app";

const run = promisify(execFile);
const IDLE_MS = 1_000;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

export type PairHost = { label: string; processes: number; rcFile?: string };

export type PairFigures = PairHost & {
  runs: number;
  scanned: number;
  pairWarmMs: number;
  pairColdMs: number;
  warmMs: number;
  coldMs: number;
  /** The scan's JSON as the API sent it. */
  answerBytes: number;
  /** Growth of the app's resident memory over one warm scan (median). */
  rssPerScanMb: number;
  /** The machine's 1-minute load average before and after this host's runs: the figures' context. */
  load: [number, number];
};

export const PAIR_HOSTS: PairHost[] = [
  { label: "1,000 processes", processes: 1_000 },
  { label: "10,000 processes", processes: 10_000 },
  { label: "1,000 processes, rc file sleeps 0.5 s", processes: 1_000, rcFile: "sleep 0.5\n" },
];

const ZOMBIE_LIST = "ps axo pid=,stat= | awk '$2~/^Z/ { print }'";

function rssBytes(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:")) ?? "";
  return Number(/(\d+)/.exec(line)?.[1] ?? NaN) * 1024;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function benchHost(app: AppServer, api: ApiClient, host: PairHost, runs: number): Promise<PairFigures> {
  // Five zombie parents, two zombies each; the rest sleeping fillers.
  const parents = Array.from({ length: 5 }, (_, i) => ({ comm: `httpd-${i}`, zombies: 2 }));
  const loadBefore = os.loadavg()[0] ?? NaN;
  const lab: LabServer = await startLabServer({ name: "bench-pair", rcFile: host.rcFile, scenario: { fillerProcesses: host.processes - 25, parents } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reaper-bench-pair-"));
  try {
    const keyFile = path.join(dir, "id");
    fs.writeFileSync(keyFile, lab.privateKey, { mode: 0o600 });
    const control = path.join(dir, "cm-%C");
    const base = ["-i", keyFile, "-p", String(lab.port), "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"];
    const target = `${lab.username}@${lab.host}`;
    const ssh = async (args: string[], command: string) => (await run("ssh", [...base, ...args, target, command], { maxBuffer: 64 << 20 })).stdout;
    // The pair as an agent runs it: the zombie list, then the ancestry of the first zombie it shows.
    const pair = async (args: string[]) => {
      const zombies = await ssh(args, ZOMBIE_LIST);
      const first = /^\s*(\d+)/.exec(zombies)?.[1];
      if (!first) throw new Error(`the zombie list showed no zombie: ${zombies}`);
      await ssh(args, `pstree -s -p ${first}`);
    };
    const warmArgs = ["-o", `ControlPath=${control}`];
    const coldArgs = ["-o", "ControlMaster=no", "-o", "ControlPath=none"];
    await run("ssh", [...base, "-o", "ControlMaster=yes", "-o", "ControlPersist=300", "-o", `ControlPath=${control}`, "-f", "-N", target]);

    const server = await api.call<{ id: string }>("POST", "/api/servers", { name: `bench-${host.processes}`, host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey });
    let answerBytes = 0;
    let scanned = 0;
    const scan = async () => {
      const res = await api.call<Scan>("POST", `/api/servers/${server.body.id}/scans`);
      if (res.status !== 201) throw new Error(`scan answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
      answerBytes = Buffer.byteLength(JSON.stringify(res.body));
      scanned = res.body.summary.processes;
      return res.body;
    };
    const settle = async (s: Scan) => void (await settledScan(api, s, 120_000));
    await settle(await scan());
    await pair(warmArgs);

    // Interleaved so that drift on the machine lands on both sides alike.
    const warm: number[] = [];
    const cold: number[] = [];
    const pairWarm: number[] = [];
    const pairCold: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < runs; i++) {
      let s: Scan | undefined;
      // Cold first: the pool has closed the idle connection. The warm scan follows at once, on the
      // connection the cold one opened (the pair's runs below outlast the pool's idle time).
      await sleep(IDLE_MS + 500);
      cold.push(await timed(async () => (s = await scan())));
      if (s) await settle(s);
      const before = rssBytes(app.pid);
      warm.push(await timed(async () => (s = await scan())));
      rss.push(rssBytes(app.pid) - before);
      if (s) await settle(s);
      pairWarm.push(await timed(() => pair(warmArgs)));
      pairCold.push(await timed(() => pair(coldArgs)));
    }
    await run("ssh", [...base, "-o", `ControlPath=${control}`, "-O", "exit", target]).catch(() => undefined);
    return {
      ...host,
      runs,
      scanned,
      pairWarmMs: median(pairWarm),
      pairColdMs: median(pairCold),
      warmMs: median(warm),
      coldMs: median(cold),
      answerBytes,
      rssPerScanMb: median(rss) / 2 ** 20,
      load: [loadBefore, os.loadavg()[0] ?? NaN],
    };
  } finally {
    await lab.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchManualPair(runs = 5, hosts = PAIR_HOSTS): Promise<PairFigures[]> {
  const app = await startApp({ REAPER_SSH_IDLE_MS: String(IDLE_MS), REAPER_LOG_LEVEL: "error" });
  try {
    const api = await ApiClient.login(app);
    const out: PairFigures[] = [];
    for (const host of hosts) out.push(await benchHost(app, api, host, runs));
    return out;
  } finally {
    await app.stop();
  }
}

export function printPair(f: PairFigures): void {
  console.log(`\nScan through the API against the pair by hand (ps | awk, then pstree -s -p), lab host with ${f.label}, 5 zombie parents (${f.runs} runs each, medians; load ${f.load[0].toFixed(1)} -> ${f.load[1].toFixed(1)} on ${os.cpus().length} CPUs)`);
  console.log(`  baseline pair warm (ControlMaster)      ${ms(f.pairWarmMs)}`);
  console.log(`  baseline pair cold (plain ssh, twice)   ${ms(f.pairColdMs)}`);
  console.log(`  Reaper warm  ${ms(f.warmMs).padStart(10)}   ${ratio(f.warmMs, f.pairWarmMs)} of pair warm   (aim: <= 0.50x)`);
  // A cold scan on the rc-file host pays the rc file once, like each of the pair's commands: no aim there.
  console.log(`  Reaper cold  ${ms(f.coldMs).padStart(10)}   ${ratio(f.coldMs, f.pairColdMs)} of pair cold   ${f.rcFile ? "(no aim: both pay the rc file)" : "(aim: <= 0.50x)"}`);
  console.log(`  answer ${(f.answerBytes / 2 ** 20).toFixed(2)} MB for ${f.scanned.toLocaleString("en")} processes; app memory +${f.rssPerScanMb.toFixed(1)} MB over a warm scan`);
}

// `npx tsx bench/manual-pair.ts [1000|10000|rc ...]` (after `next build`): these figures alone, for
// the hosts named (all three by default); RUNS sets the runs per host.
if (process.argv[1]?.endsWith("manual-pair.ts")) {
  const pick: Record<string, PairHost | undefined> = { "1000": PAIR_HOSTS[0], "10000": PAIR_HOSTS[1], rc: PAIR_HOSTS[2] };
  const names = process.argv.slice(2);
  const hosts = names.map((n) => {
    const host = pick[n];
    if (!host) throw new Error(`no such host: ${n} (1000, 10000 or rc)`);
    return host;
  });
  if (hosts.length === 0) hosts.push(...PAIR_HOSTS);
  benchManualPair(Number(process.env.RUNS ?? 5), hosts).then(
    (figures) => figures.forEach(printPair),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
