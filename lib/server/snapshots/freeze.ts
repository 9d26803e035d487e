// Turns a stored scan and the actions that followed it into a snapshot's body: only what the public
// page shows, every command line redacted. (Reaper's own SSH session, which would name its login
// account, is already left out of the scan itself.) Pure, so the rules are tested without a store.
import { ACTION_KINDS, actionMeans, type ActionKind } from "@/lib/shared/actions/types";
import type { ActionDetail, AuditResult } from "@/lib/shared/audit/types";
import type { Process, Scan } from "@/lib/shared/scan/types";
import { redactCommandLine } from "@/lib/shared/snapshots/redact";
import type { SnapshotAction, SnapshotBody, SnapshotParent, SnapshotProcess, SnapshotVerdict } from "@/lib/shared/snapshots/types";
import { serviceText } from "@/lib/shared/triage/words";

/** Enough to show the pattern; the full list is in the "every process" section. */
export const SNAPSHOT_ZOMBIES_PER_PARENT = 20;
export const SNAPSHOT_LIVE_CHILDREN = 10;

/** An action event from the audit log, as far as a snapshot needs it. */
export type ActionRecord = { at: string; result: AuditResult; message: string; detail: ActionDetail };

type Counter = { lines: number };

function freezeProcess(p: Process, counter: Counter): SnapshotProcess {
  const { text, redacted } = redactCommandLine(p.args);
  if (redacted) counter.lines += 1;
  return { pid: p.pid, ppid: p.ppid, user: p.user, state: p.state, comm: p.comm, args: text };
}

function verdictOf(scan: Scan): SnapshotVerdict {
  const verdict = scan.triage?.verdict;
  const zombies = scan.summary.zombies;
  if (verdict && verdict.cause !== "none") return { text: verdict.text, level: "critical" };
  const found = zombies === 0 ? "No zombie processes." : `${zombies} zombie process${zombies === 1 ? "" : "es"} found.`;
  return { text: verdict ? `${verdict.text}. ${found}` : found, level: zombies === 0 ? "ok" : "warn" };
}

const isKind = (v: unknown): v is ActionKind => typeof v === "string" && (ACTION_KINDS as readonly string[]).includes(v);

type Answer = { before?: { zombies?: unknown }; after?: { zombies?: unknown; parentAlive?: unknown } };

function outcomeOf(answer: unknown): Pick<SnapshotAction, "before" | "after"> {
  if (answer === null || typeof answer !== "object") return { before: null, after: null };
  const a = answer as Answer;
  const before = typeof a.before?.zombies === "number" ? { zombies: a.before.zombies } : null;
  const after = typeof a.after?.zombies === "number" && typeof a.after.parentAlive === "boolean" ? { zombies: a.after.zombies, parentAlive: a.after.parentAlive } : null;
  return { before, after };
}

function freezeAction(r: ActionRecord): SnapshotAction {
  const d = r.detail;
  const action = isKind(d.action) ? d.action : null;
  return {
    at: r.at,
    action: action ?? "action",
    means: action ? actionMeans(action) : "",
    pid: d.pid ?? null,
    comm: d.comm ?? null,
    result: r.result,
    // Refusal messages may quote a reason someone typed: it is redacted like a command line.
    message: redactCommandLine(r.message).text,
    ...outcomeOf(d.answer),
  };
}

/** `actions`: the server's action events after the scan, in any order; they are shown oldest first. */
export function freezeSnapshot(input: { scan: Scan; serverName: string; ticket: string | null; actions: ActionRecord[] }): SnapshotBody {
  const { scan } = input;
  const counter: Counter = { lines: 0 };
  const processes = [...scan.processes].sort((a, b) => a.pid - b.pid).map((p) => freezeProcess(p, counter));
  const byParent = new Map<number, SnapshotProcess[]>();
  for (const p of processes) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const parents: SnapshotParent[] = scan.parents.map((parent) => {
    const children = byParent.get(parent.pid) ?? [];
    const live = children.filter((c) => !c.state.startsWith("Z"));
    const own = processes.find((p) => p.pid === parent.pid);
    return {
      ...(own ?? freezeProcess(parent, counter)),
      zombieCount: parent.zombieCount,
      ancestry: parent.ancestry,
      service: serviceText(parent.service ?? null),
      zombies: children.filter((c) => c.state.startsWith("Z")).slice(0, SNAPSHOT_ZOMBIES_PER_PARENT),
      liveChildren: live.slice(0, SNAPSHOT_LIVE_CHILDREN),
      liveChildCount: live.length,
    };
  });
  return {
    serverName: input.serverName,
    ticket: input.ticket,
    scannedAt: scan.startedAt,
    durationMs: scan.durationMs,
    summary: scan.summary,
    verdict: verdictOf(scan),
    parents,
    actions: [...input.actions].sort((a, b) => a.at.localeCompare(b.at)).map(freezeAction),
    processes,
    redactedLines: counter.lines,
  };
}
