// pstree's view of the top zombie parents, put into a scan. pstree runs in the details step after
// the scan has answered (it reads the whole process table once per parent, so it must not set the
// scan's time), or, in outputs of older scans, inside the scan itself; both go through here.
import { parsePstree } from "@/lib/server/scan/parse/parse-pstree";
import { formatCount } from "@/lib/shared/format/numbers";
import type { Parent, ScanData } from "@/lib/shared/scan/types";

export type PstreeStep =
  | { kind: "ran"; outputs: Map<number, string> }
  | { kind: "skipped"; processes: number }
  | { kind: "missing" }
  /** The pstree command itself failed (timeout, lost connection, unreadable output). */
  | { kind: "failed"; reason: string }
  /** No zombies, so nothing to run pstree for. */
  | { kind: "none" };

const FROM_SNAPSHOT = "ancestry comes from the snapshot's parent PIDs";

function pstreeFor(parent: Parent, step: PstreeStep, notes: string[]): string | null {
  const text = step.kind === "ran" ? step.outputs.get(parent.pid) : undefined;
  if (text === undefined) return null;
  const who = `PID ${parent.pid} (${parent.comm})`;
  if (text.trim() === "") {
    notes.push(`pstree printed nothing for ${who}: it ended before pstree ran.`);
    return null;
  }
  const tree = parsePstree(text);
  if (!tree.ok) {
    notes.push(`pstree's output for ${who} could not be read (${tree.error}), so it is left out.`);
    return null;
  }
  return text;
}

function stepNote(step: PstreeStep): string | null {
  if (step.kind === "missing") return `pstree is not installed on this server: ${FROM_SNAPSHOT}.`;
  if (step.kind === "skipped") return `pstree skipped: ${formatCount(step.processes)} processes would make it cost seconds; ${FROM_SNAPSHOT}.`;
  if (step.kind === "failed") return `pstree did not finish (${step.reason}); ${FROM_SNAPSHOT}.`;
  return null;
}

/** The scan with pstree's output in its parents, a note for anything pstree could not show, and
 * `pstreePending` cleared.
 */
export function withPstree<T extends ScanData>(scan: T, step: PstreeStep): T {
  const notes = [...scan.notes];
  const note = stepNote(step);
  if (note) notes.push(note);
  const parents = scan.parents.map((p) => ({ ...p, pstree: pstreeFor(p, step, notes) }));
  const out = { ...scan, parents, notes };
  delete out.pstreePending;
  return out;
}
