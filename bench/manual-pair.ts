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
import { median } from "@/bench/stats";
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
      const before = rssBytes(app.pid);
      warm.push(await timed(async () => (s = await scan())));
      rss.push(rssBytes(app.pid) - before);
      if (s) await settle(s);
      await sleep(IDLE_MS + 500);
      cold.push(await timed(async () => (s = await scan())));
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
