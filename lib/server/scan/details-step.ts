import "server-only";
// The details step of a scan, run after the scan answered: ps (users, command lines, %CPU, RSS, the
// per-user limits) and pstree for the top parents land in the stored scan when it ends, and the
// scan's wall time never waits for them.
import { findScan, updateScanBody } from "@/lib/server/db/scans";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import { buildDetailsCommand, PSTREE_MAX_PROCESSES, PSTREE_PARENTS } from "@/lib/server/scan/command/details-command";
import { withPs } from "@/lib/server/scan/parse/attach-ps";
import { withPstree } from "@/lib/server/scan/parse/attach-pstree";
import { parseDetailsOutput, type Details } from "@/lib/server/scan/parse/details-output";
import { runRemote } from "@/lib/server/ssh/remote";
import type { SshTarget } from "@/lib/server/ssh/types";
import { AppError } from "@/lib/shared/errors/app-error";
import type { Scan, ScanData } from "@/lib/shared/scan/types";
import { SCAN_STEPS } from "@/lib/shared/scan/steps";

// Steps still running, by scan id; on globalThis so Next's dev reloads keep track of them.
const jobsKey = Symbol.for("reaper.detailsJobs");
type WithJobs = typeof globalThis & { [jobsKey]?: Map<string, Promise<Scan>> };
function jobs(): Map<string, Promise<Scan>> {
  const g = globalThis as WithJobs;
  g[jobsKey] ??= new Map();
  return g[jobsKey];
}

export type DetailsPlan = { scan: ScanData; command: string };

/** The scan as it answers: pending, with the details command's exact texts in its `commands`. */
export function planDetails(scan: ScanData, timeoutSeconds: number): DetailsPlan {
  const parents = scan.parents.slice(0, PSTREE_PARENTS).map((p) => p.pid);
  const tooMany = parents.length > 0 && scan.summary.processes > PSTREE_MAX_PROCESSES;
  const { command, texts } = buildDetailsCommand(tooMany ? [] : parents, { timeoutSeconds });
  const commands = [...scan.commands];
  commands[SCAN_STEPS.indexOf("ps")] = texts.ps;
  commands[SCAN_STEPS.indexOf("limits")] = texts.limits;
  commands[SCAN_STEPS.indexOf("pstree")] = texts.pstree;
  const planned: ScanData = tooMany ? withPstree(scan, { kind: "skipped", processes: scan.summary.processes }) : scan;
  return { scan: { ...planned, commands, psPending: true, ...(texts.pstree ? { pstreePending: true } : {}) }, command };
}

/** The stored scan with what the step brought (ps first: pstree's notes name processes ps filled in). */
function withDetails(scan: Scan, details: Details): Scan {
  const filled = scan.psPending ? withPs(scan, details.ps) : scan;
  return filled.pstreePending ? withPstree(filled, details.pstree) : filled;
}

async function runStep(target: SshTarget, command: string, serverName: string): Promise<Details> {
  try {
    const result = await runRemote(target, command, { label: "The details step", timedOut: `ps and pstree ran out of time on ${serverName}`, persistentShell: true });
    return parseDetailsOutput(result.stdout);
  } catch (e) {
    const reason = e instanceof AppError ? e.message : "an unexpected error";
    return { ps: { kind: "failed", reason }, pstree: { kind: "failed", reason } };
  }
}

/**
 * Runs the planned details step and stores what it brought with the scan; resolves the stored scan
 * (the one given, when it could not be stored). Never rejects.
 */
export function runDetails(scan: Scan, target: SshTarget, command: string, serverName: string): Promise<Scan> {
  const job = runStep(target, command, serverName)
    .then(async (details) => {
      const done = withDetails(scan, details);
      await updateScanBody(done);
      log.info("scan.details", { scanId: scan.id, ps: details.ps.kind, pstree: details.pstree.kind });
      return done;
    })
    .catch((e: unknown) => {
      log.warn("scan.details.unsaved", { scanId: scan.id, error: e instanceof Error ? e.message : String(e) });
      return scan;
    })
    .finally(() => jobs().delete(scan.id));
  jobs().set(scan.id, job);
  return job;
}

/** The scan with what its details step brought, once it lands, when the step runs in this process; else undefined. */
export function landedScan(id: string): Promise<Scan> | undefined {
  return jobs().get(id);
}

/** Past its command's limit, a step still pending waits this long for a channel and the store. */
const DETAILS_GRACE_MS = 15_000;

/**
 * A stored scan as readers should see it. One still marked pending whose step runs nowhere
 * (Reaper stopped meanwhile) says so instead of pending forever: once the step is not running in
 * this process and its time is up. Not running here alone proves nothing: the step starts only
 * after the scan's answer was sent, and another instance may be running it.
 */
export async function readScan(id: string): Promise<Scan | undefined> {
  // Looked up before reading: a step that ends while the row is read has already stored its view.
  const running = jobs().has(id);
  const scan = await findScan(id);
  if (!(scan?.psPending || scan?.pstreePending) || running) return scan;
  const deadline = Date.parse(scan.startedAt) + scan.durationMs + env().REAPER_SSH_COMMAND_TIMEOUT_MS + DETAILS_GRACE_MS;
  if (Date.now() < deadline) return scan;
  const reason = "Reaper stopped before it ended";
  const settled = withDetails(scan, { ps: { kind: "failed", reason }, pstree: { kind: "failed", reason } });
  await updateScanBody(settled);
  return settled;
}
