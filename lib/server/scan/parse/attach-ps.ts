// What ps knows, put into a scan: users, command lines, %CPU, RSS and ps's STAT flags, then what
// follows from them (the per-user limits, the top CPU and memory lists, the verdict). ps runs in the
// details step after the scan answered, or, in outputs captured before that step existed, inside
// the scan itself; both go through here.
import { topProcesses } from "@/lib/server/scan/parse/build-host";
import { buildUsers, type LimitReads } from "@/lib/server/scan/parse/build-users";
import { PidIndex } from "@/lib/server/scan/parse/pid-index";
import type { PsRow, PsTable } from "@/lib/server/scan/parse/parse-ps";
import type { Process, ScanData } from "@/lib/shared/scan/types";
import { buildTriage } from "@/lib/shared/triage/build-triage";

export type PsStep =
  | { kind: "ran"; table: PsTable; limits: LimitReads }
  /** ps did not run to the end, or printed nothing the parser could read. */
  | { kind: "failed"; reason: string };

const Z = "Z".charCodeAt(0);
const isZombie = (p: Process) => p.state.charCodeAt(0) === Z;

/** Fills in what ps knows about a process /proc listed, in place. */
function joinPs(proc: Process, ps: PsRow | undefined): void {
  if (ps) {
    // ps's STAT (Ss, Z+) says more than the kernel's letter.
    if (ps.state !== null) proc.state = ps.state;
    if (ps.user !== null) proc.user = ps.user;
    proc.cpu = ps.cpu;
    proc.rssKb = ps.rssKb;
    // procps prints "[comm] <defunct>" and busybox "[comm]" for a zombie: it has no command line.
    if (!isZombie(proc)) proc.args = ps.args;
  }
}

/**
 * The scan with ps's columns in its processes (changed in place: a 50,000-process scan keeps one
 * object per process), its zombies and parents, and everything built from them; `psPending` cleared.
 */
export function withPs<T extends ScanData>(scan: T, step: PsStep): T {
  const notes = [...scan.notes];
  const out: T = { ...scan, notes };
  delete out.psPending;
  if (step.kind === "failed") {
    notes.push(`ps did not list this server's processes (${step.reason}): users, command lines, CPU and memory use are unknown in this scan.`);
    return out;
  }
  const byPid = new PidIndex(step.table.rows);
  let unseen = 0;
  for (const p of scan.processes) {
    const row = byPid.get(p.pid);
    if (!row) unseen++;
    joinPs(p, row);
  }
  // The zombies are the processes' own rows (the same objects in a scan just built, copies in a
  // stored one); the parents carry copies of theirs, joined the same way.
  out.zombies = scan.processes.filter(isZombie);
  out.parents = scan.parents.map((parent) => {
    const joined = { ...parent };
    joinPs(joined, byPid.get(parent.pid));
    return joined;
  });
  if (scan.host) out.host = { ...scan.host, ...topProcesses(scan.processes) };
  out.users = buildUsers(scan.processes, step.limits);
  if (step.table.format === "busybox") notes.push("This server's ps is busybox's: it cannot show CPU or memory use, so those columns are empty.");
  if (unseen > 0) notes.push(`${unseen} process(es) ended between reading /proc and running ps: their user and command line are unknown.`);
  out.triage = buildTriage(out);
  return out;
}
