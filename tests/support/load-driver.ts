// Many API clients at once against the built app and a set of lab servers, on loopback only: each
// client scans a server now and then and reads servers and scans the rest of the time. Records every
// answer's status and time, the app's resident memory, and the SSH connections each lab server
// holds. Used by `npm run bench:load` (figures) and by the short load test (behaviour only).
import fs from "node:fs";
import type { LabServer } from "@/lab";
import { namespaceProcesses } from "@/lab/proc-scan";
import type { NewToken } from "@/lib/shared/auth/types";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import type { AppServer } from "@/tests/support/app-server";

export type LoadOptions = {
  /** Clients working at once, each with its own API token. */
  sessions: number;
  durationMs: number;
  /** One request in this many is a scan; the others read. */
  scanEvery: number;
  /** How often memory and connections are sampled. */
  sampleMs: number;
};

export type Sample = { atMs: number; requests: number; rssBytes: number };

export type LoadFigures = {
  requests: number;
  /** Answers that were not the expected success, and requests that got no answer; "METHOD path -> status". */
  errors: string[];
  latencyMs: { all: number[]; scans: number[]; reads: number[] };
  /** The most SSH connections any one lab server held at a sample. */
  maxConnectionsPerHost: number;
  memory: Sample[];
};

/** Resident memory of a process, from /proc. */
export function rssBytes(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:")) ?? "";
  return Number(/(\d+)/.exec(line)?.[1] ?? NaN) * 1024;
}

/** Reaper's SSH connections into a lab server: the sshd processes forked by its listener, one per connection. */
export async function sshConnections(lab: LabServer): Promise<number> {
  const procs = await namespaceProcesses(lab.initPid);
  const listeners = new Set(procs.filter((p) => p.comm === "sshd" && p.ppid === 1).map((p) => p.pid));
  return procs.filter((p) => p.comm === "sshd" && listeners.has(p.ppid) && p.state !== "Z").length;
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

/** The servers, added by the admin with their keys pinned, and scanned once so reads have something to read. */
export async function addLabServers(admin: ApiClient, labs: readonly LabServer[]): Promise<Server[]> {
  const servers: Server[] = [];
  for (const lab of labs) {
    const res = await admin.call<Server>("POST", "/api/servers", { name: lab.name, host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey, hostKeyFingerprint: lab.hostKeyFingerprint });
    if (res.status !== 201) throw new Error(`adding ${lab.name} answered ${res.status}: ${JSON.stringify(res.body)}`);
    const scan = await admin.call("POST", `/api/servers/${res.body.id}/scans`);
    if (scan.status !== 201) throw new Error(`the first scan of ${lab.name} answered ${scan.status}: ${JSON.stringify(scan.body)}`);
    servers.push(res.body);
  }
  return servers;
}

export async function runLoad(app: AppServer, admin: ApiClient, labs: readonly LabServer[], servers: readonly Server[], opts: LoadOptions): Promise<LoadFigures> {
  const clients: ApiClient[] = [];
  for (let i = 0; i < opts.sessions; i++) {
    const res = await admin.call<NewToken>("POST", "/api/tokens", { name: `load-${i}-${Date.now()}` });
    if (res.status !== 201) throw new Error(`a token for the load answered ${res.status}`);
    clients.push(ApiClient.bearer(app, res.body.token));
  }
  const figures: LoadFigures = { requests: 0, errors: [], latencyMs: { all: [], scans: [], reads: [] }, maxConnectionsPerHost: 0, memory: [] };
  const started = performance.now();
  const deadline = started + opts.durationMs;

  const timed = async (client: ApiClient, method: string, path: string, expected: number, kind: "scans" | "reads") => {
    const t0 = performance.now();
    const res = await client.call<Record<string, unknown>>(method, path).catch((e: unknown) => ({ status: 0, body: { error: String(e) } }));
    const took = performance.now() - t0;
    figures.requests++;
    figures.latencyMs.all.push(took);
    figures.latencyMs[kind].push(took);
    if (res.status !== expected) figures.errors.push(`${method} ${path} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    return res;
  };

  const session = async (client: ApiClient, n: number) => {
    for (let i = n; performance.now() < deadline; i++) {
      const server = servers[i % servers.length];
      if (!server) return;
      if (i % opts.scanEvery === 0) {
        await timed(client, "POST", `/api/servers/${server.id}/scans`, 201, "scans");
        continue;
      }
      switch (i % 3) {
        case 0:
          await timed(client, "GET", "/api/servers", 200, "reads");
          break;
        case 1: {
          const list = await timed(client, "GET", `/api/servers/${server.id}/scans?limit=5`, 200, "reads");
          const latest = (list.body as { scans?: Pick<Scan, "id">[] }).scans?.[0];
          if (latest) await timed(client, "GET", `/api/scans/${latest.id}`, 200, "reads");
          break;
        }
        default:
          await timed(client, "GET", `/api/servers/${server.id}`, 200, "reads");
      }
    }
  };

  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      figures.memory.push({ atMs: performance.now() - started, requests: figures.requests, rssBytes: rssBytes(app.pid) });
      const counts = await Promise.all(labs.map(sshConnections));
      figures.maxConnectionsPerHost = Math.max(figures.maxConnectionsPerHost, ...counts);
      await new Promise((r) => setTimeout(r, opts.sampleMs));
    }
  })();
  await Promise.all(clients.map((c, n) => session(c, n)));
  sampling = false;
  await sampler;
  figures.memory.push({ atMs: performance.now() - started, requests: figures.requests, rssBytes: rssBytes(app.pid) });
  return figures;
}

/**
 * Memory growth across the run, leaving out the warm-up: the median resident size over the last
 * third of the samples against the middle third's. A leak grows with requests; a heap that has
 * settled stays near 1.
 */
export function memoryTrend(samples: readonly Sample[]): { middleMb: number; lastMb: number; ratio: number } {
  const third = Math.floor(samples.length / 3);
  const median = (xs: number[]) => percentile(xs, 50);
  const middle = median(samples.slice(third, 2 * third).map((s) => s.rssBytes));
  const last = median(samples.slice(2 * third).map((s) => s.rssBytes));
  return { middleMb: middle / 2 ** 20, lastMb: last / 2 ** 20, ratio: last / middle };
}
