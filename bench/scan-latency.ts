// Scan latency through the HTTP API against a lab server with 1,000 processes, next to
// OpenSSH's own client running the very same remote command in the same run. Reaper's details step
// (ps and pstree) runs after its answer; each sample waits until it has landed, so it never
// competes with what is measured next.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { startLabServer } from "@/lab";
import { buildScanCommand } from "@/lib/server/scan/command/scan-command";
import { median, sample } from "@/bench/stats";
import type { Scan } from "@/lib/shared/scan/types";
import { settledScan } from "@/tests/lab/scan-through-app";
import { ApiClient } from "@/tests/support/api-client";
import { startApp } from "@/tests/support/app-server";

const run = promisify(execFile);
const IDLE_MS = 1_000;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

export type LatencyFigures = { coldMs: number; warmMs: number; sshColdMs: number; sshWarmMs: number; runs: number; processes: number };

export async function benchScanLatency(runs = 9): Promise<LatencyFigures> {
  const lab = await startLabServer({ name: "bench", scenario: { fillerProcesses: 980, parents: [{ comm: "httpd", zombies: 10 }] } });
  const app = await startApp({ REAPER_SSH_IDLE_MS: String(IDLE_MS), REAPER_LOG_LEVEL: "error" });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reaper-bench-ssh-"));
  try {
    const keyFile = path.join(dir, "id");
    fs.writeFileSync(keyFile, lab.privateKey, { mode: 0o600 });
    fs.writeFileSync(path.join(dir, "known_hosts"), "");
    const control = path.join(dir, "cm-%C");
    const sshArgs = ["-i", keyFile, "-p", String(lab.port), "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", `UserKnownHostsFile=${path.join(dir, "known_hosts")}`, "-o", "LogLevel=ERROR"];
    const { command } = buildScanCommand();
    const target = `${lab.username}@${lab.host}`;
    const sshCold = () => run("ssh", [...sshArgs, "-o", "ControlMaster=no", "-o", "ControlPath=none", target, command], { maxBuffer: 64 << 20 }).then(() => undefined);
    const sshWarm = () => run("ssh", [...sshArgs, "-o", `ControlPath=${control}`, target, command], { maxBuffer: 64 << 20 }).then(() => undefined);
    await run("ssh", [...sshArgs, "-o", "ControlMaster=yes", "-o", "ControlPersist=120", "-o", `ControlPath=${control}`, "-f", "-N", target]);

    const api = await ApiClient.login(app);
    const server = await api.call<{ id: string }>("POST", "/api/servers", { name: "bench", host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey });
    let last: Scan | null = null;
    const post = async (): Promise<Scan> => {
      const res = await api.call<Scan>("POST", `/api/servers/${server.body.id}/scans`);
      if (res.status !== 201) throw new Error(`scan answered ${res.status}`);
      last = res.body;
      return res.body;
    };
    const scan = async () => void (await post());
    const settle = async () => {
      if (last) await settledScan(api, last, 60_000);
      last = null;
    };
    await scan();
    await settle();
    await sshCold();
    await sshWarm();
    const processes = (await post()).summary.processes;

    // Interleaved so that drift on the machine lands on both sides alike.
    const cold: number[] = [];
    const warm: number[] = [];
    const sCold: number[] = [];
    const sWarm: number[] = [];
    for (let i = 0; i < runs; i++) {
      cold.push(...(await sample(1, scan, async () => {
        await settle();
        await sleep(IDLE_MS + 500);
      })));
      warm.push(...(await sample(1, scan, settle)));
      await settle();
      sCold.push(...(await sample(1, sshCold)));
      sWarm.push(...(await sample(1, sshWarm)));
    }
    await run("ssh", [...sshArgs, "-o", `ControlPath=${control}`, "-O", "exit", target]).catch(() => undefined);
    return { coldMs: median(cold), warmMs: median(warm), sshColdMs: median(sCold), sshWarmMs: median(sWarm), runs, processes };
  } finally {
    await app.stop();
    await lab.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
