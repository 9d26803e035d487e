import "server-only";
// The pstree step of a scan, run after the scan answered: the page shows the parents' pstree views
// when it lands in the stored scan, and the scan's wall time never waits for it.
import { findScan, updateScanBody } from "@/lib/server/db/scans";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import { buildPstreeCommand, PSTREE_MAX_PROCESSES, PSTREE_PARENTS } from "@/lib/server/scan/command/pstree-command";
import { parsePstreeOutput, withPstree, type PstreeStep } from "@/lib/server/scan/parse/attach-pstree";
import { runRemote } from "@/lib/server/ssh/remote";
import type { SshTarget } from "@/lib/server/ssh/types";
import { AppError } from "@/lib/shared/errors/app-error";
import type { Scan, ScanData } from "@/lib/shared/scan/types";
import { SCAN_STEPS } from "@/lib/shared/scan/steps";

// Steps still running, by scan id; on globalThis so Next's dev reloads keep track of them.
const jobsKey = Symbol.for("reaper.pstreeJobs");
type WithJobs = typeof globalThis & { [jobsKey]?: Map<string, Promise<void>> };
function jobs(): Map<string, Promise<void>> {
  const g = globalThis as WithJobs;
  g[jobsKey] ??= new Map();
  return g[jobsKey];
}

export type PstreePlan = { scan: ScanData; run: { command: string; pids: number[] } | null };

/** What the scan says before pstree ran: pending with the exact command text, or why it will not run. */
export function planPstree(scan: ScanData, timeoutSeconds: number): PstreePlan {
  const pids = scan.parents.slice(0, PSTREE_PARENTS).map((p) => p.pid);
  if (pids.length === 0) return { scan, run: null };
  if (scan.summary.processes > PSTREE_MAX_PROCESSES) return { scan: withPstree(scan, { kind: "skipped", processes: scan.summary.processes }), run: null };
  const { command, text } = buildPstreeCommand(pids, { timeoutSeconds });
  const commands = [...scan.commands];
  commands[SCAN_STEPS.indexOf("pstree")] = text;
  return { scan: { ...scan, commands, pstreePending: true }, run: { command, pids } };
}

async function runStep(target: SshTarget, command: string, serverName: string): Promise<PstreeStep> {
  try {
    const result = await runRemote(target, command, { label: "pstree", timedOut: `pstree ran out of time on ${serverName}`, persistentShell: true });
    return parsePstreeOutput(result.stdout);
  } catch (e) {
    return { kind: "failed", reason: e instanceof AppError ? e.message : "an unexpected error" };
  }
}

/** Runs the planned pstree step in the background and stores its view with the scan. */
export function startPstree(scan: Scan, target: SshTarget, command: string, serverName: string): void {
  const job = runStep(target, command, serverName)
    .then(async (step) => {
      await updateScanBody(withPstree(scan, step));
      log.info("scan.pstree", { scanId: scan.id, kind: step.kind });
    })
    .catch((e: unknown) => log.warn("scan.pstree.unsaved", { scanId: scan.id, error: e instanceof Error ? e.message : String(e) }))
    .finally(() => jobs().delete(scan.id));
  jobs().set(scan.id, job);
}

/** Past its command's limit, a step still pending waits this long for a channel and the store. */
const PSTREE_GRACE_MS = 15_000;

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
  if (!scan?.pstreePending || running) return scan;
  const deadline = Date.parse(scan.startedAt) + scan.durationMs + env().REAPER_SSH_COMMAND_TIMEOUT_MS + PSTREE_GRACE_MS;
  if (Date.now() < deadline) return scan;
  const settled = withPstree(scan, { kind: "failed", reason: "Reaper stopped before it ended" });
  await updateScanBody(settled);
  return settled;
}
