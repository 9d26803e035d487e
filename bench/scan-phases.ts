// Where a warm scan's time goes, end to end, on a lab host with 1,000 processes and 5 zombie parents:
// the client's wall time, the route's own time, and the scan's phases as the app logs them
// (`scan.done`), next to what the remote part costs on its own (the scan script timed on the server,
// an empty command over a ControlMaster connection).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startLabServer } from "@/lab";
import { median } from "@/bench/stats";
import { buildScanCommand } from "@/lib/server/scan/command/scan-command";
import type { Scan } from "@/lib/shared/scan/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp } from "@/tests/support/app-server";
import { settledScan } from "@/tests/lab/scan-through-app";

export type PhaseRow = { name: string; ms: number };
export type PhaseFigures = { runs: number; processes: number; answerBytes: number; rows: PhaseRow[] };

/** Runs `command` over ssh with `script` on its stdin; resolves its stdout. */
function sshWithInput(args: string[], command: string, script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("ssh", [...args, command], { stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`ssh exited ${code}`))));
    child.stdin.end(script);
  });
}

function logged(logs: string, event: string): Record<string, number>[] {
  return logs
    .split("\n")
    .filter((l) => l.includes(`"event":"${event}"`))
    .map((l) => JSON.parse(l) as Record<string, number>);
}

export async function benchScanPhases(runs = 9, processes = 1_000): Promise<PhaseFigures> {
  const parents = Array.from({ length: 5 }, (_, i) => ({ comm: `httpd-${i}`, zombies: 2 }));
  const lab = await startLabServer({ name: "bench-phases", scenario: { fillerProcesses: processes - 25, parents } });
  const app = await startApp({ REAPER_LOG_LEVEL: "debug" });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reaper-bench-phases-"));
  try {
    const keyFile = path.join(dir, "id");
    fs.writeFileSync(keyFile, lab.privateKey, { mode: 0o600 });
    const control = path.join(dir, "cm-%C");
    const target = `${lab.username}@${lab.host}`;
    const base = ["-i", keyFile, "-p", String(lab.port), "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", `ControlPath=${control}`];
    await sshWithInput([...base, "-o", "ControlMaster=yes", "-o", "ControlPersist=120", "-f", "-N", target], "", "");

    const api = await ApiClient.login(app);
    const server = await api.call<{ id: string }>("POST", "/api/servers", { name: "bench-phases", host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey });
    let answerBytes = 0;
    let scanned = 0;
    const scan = async () => {
      const res = await api.call<Scan>("POST", `/api/servers/${server.body.id}/scans`);
      if (res.status !== 201) throw new Error(`scan answered ${res.status}`);
      answerBytes = Buffer.byteLength(JSON.stringify(res.body));
      scanned = res.body.summary.processes;
      return res.body;
    };
    await settledScan(api, await scan(), 60_000);
    const { command } = buildScanCommand({ timeoutSeconds: 28, pstreeParents: 5 });
    // The script's own time on the server: microseconds from before it starts until it ended.
    const timedScript = "t=$(date +%s%N); sh -s >/dev/null; echo $(( ($(date +%s%N) - t) / 1000 ))";

    const wall: number[] = [];
    const remoteOwn: number[] = [];
    const empty: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const s = await scan();
      wall.push(performance.now() - t0);
      await settledScan(api, s, 60_000);
      remoteOwn.push(Number(await sshWithInput([...base, target], timedScript, command)) / 1000);
      const b0 = performance.now();
      await api.call("GET", `/api/servers/${server.body.id}`);
      bare.push(performance.now() - b0);
      const e0 = performance.now();
      await sshWithInput([...base, target], "true", "");
      empty.push(performance.now() - e0);
    }
    const logs = app.logs();
    const done = logged(logs, "scan.done").slice(-runs);
    const requests = logged(logs, "api.request").filter((r) => String(r.method) === "POST" && /\/scans$/.test(String(r.path))).slice(-runs);
    const col = (rows: Record<string, number>[], key: string) => median(rows.map((r) => Number(r[key] ?? NaN)));
    const routeMs = col(requests, "ms");
    const rows: PhaseRow[] = [
      { name: "server lookup + unseal credentials", ms: col(done, "targetMs") },
      { name: "remote part (pooled shell, one round trip)", ms: col(done, "remoteMs") },
      { name: "  of which the script on the server", ms: median(remoteOwn) },
      { name: "  (an empty command over ControlMaster)", ms: median(empty) },
      { name: "parse", ms: col(done, "parseMs") },
      { name: "store the scan (gzip + insert)", ms: col(done, "storeMs") },
      { name: "scan status + alerts", ms: col(done, "statusMs") },
      { name: "route total (auth, scan, JSON)", ms: routeMs },
      { name: "client wall time (HTTP POST to parsed answer)", ms: median(wall) },
      { name: "  (a small authed GET of the same server)", ms: median(bare) },
    ];
    return { runs, processes: scanned, answerBytes, rows };
  } finally {
    await sshWithInput(["-o", `ControlPath=${path.join(dir, "cm-%C")}`, "-p", String(lab.port), "-O", "exit", `${lab.username}@${lab.host}`], "", "").catch(() => undefined);
    await app.stop();
    await lab.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printPhases(f: PhaseFigures): void {
  console.log(`\nWhere a warm scan's time goes, lab host with ${f.processes.toLocaleString("en")} processes, 5 zombie parents, answer ${(f.answerBytes / 1024).toFixed(0)} KiB (${f.runs} runs, medians)`);
  for (const r of f.rows) console.log(`  ${r.name.padEnd(48)} ${r.ms.toFixed(1).padStart(8)} ms`);
}

// `npx tsx bench/scan-phases.ts` (after `next build`): this table alone.
if (process.argv[1]?.endsWith("scan-phases.ts")) {
  benchScanPhases(Number(process.env.RUNS ?? 9)).then(printPhases, (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
