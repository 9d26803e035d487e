// Turns what the signal and poll commands printed into facts. Only marker lines count: a login
// shell's rc file may print anything else to stdout first.
import type { Result } from "@/lib/shared/result";
import { ACTION_MARK } from "@/lib/server/actions/signal-command";

export type ProtectedReason = "init" | "kernel" | "session" | "name";

export type Counts = { zombies: number; initZombies: number };

export type SignalOutcome =
  | { result: "sent" }
  | { result: "gone" }
  | { result: "changed"; actualStartTime: number | null }
  | { result: "protected"; reason: ProtectedReason }
  | { result: "eperm"; owner: { uid: number | null; name: string | null } }
  | { result: "sudo-failed"; error: string }
  | { result: "failed"; error: string };

/** What the signal command saw: its counts and comm come from before the signal. */
export type SignalReport = SignalOutcome & { comm: string | null; counts: Counts | null };

export type PollReport = Counts & { alive: boolean };

export const REASONS: readonly ProtectedReason[] = ["init", "kernel", "session", "name"];

export function markerLines(stdout: string): string[] {
  const prefix = `${ACTION_MARK} `;
  return stdout
    .split("\n")
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.slice(prefix.length));
}

/** key=value words of one marker line (values hold no spaces, except the last one: comm, error). */
export function field(line: string, key: string): string | undefined {
  const m = new RegExp(`(?:^| )${key}=(\\S*)`).exec(line);
  return m?.[1];
}

export function int(text: string | undefined): number | null {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
}

/** The awk pass escapes backslash and newline in the comm; undo exactly that. */
export function unescapeComm(text: string): string {
  return text.replace(/\\(\\|n)/g, (_, c: string) => (c === "n" ? "\n" : "\\"));
}

/** Kernel and sudo messages: one line, printable, short, never more than what we need to show. */
export function cleanText(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?").slice(0, 160);
}

export function countsOf(lines: string[]): Counts | null {
  const line = lines.find((l) => l.startsWith("count "));
  const zombies = int(line && field(line, "zombies"));
  const initZombies = int(line && field(line, "initzombies"));
  return zombies === null || initZombies === null ? null : { zombies, initZombies };
}

function outcomeOf(result: string, lines: string[]): SignalOutcome | null {
  const value = (key: string) => lines.find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1);
  switch (result) {
    case "sent":
    case "gone":
      return { result };
    case "changed":
      return { result, actualStartTime: int(value("start")) };
    case "protected": {
      const reason = REASONS.find((r) => r === field(lines.find((l) => l.startsWith("result=")) ?? "", "reason"));
      return reason ? { result, reason } : null;
    }
    case "eperm": {
      const owner = lines.find((l) => l.startsWith("owner "));
      const name = owner ? field(owner, "name") : undefined;
      return { result, owner: { uid: int(owner && field(owner, "uid")), name: name && /^[A-Za-z0-9._-]{1,64}$/.test(name) ? name : null } };
    }
    case "sudo-failed":
    case "failed":
      return { result, error: cleanText(value("error") ?? "") };
    default:
      return null;
  }
}

export function parseSignalReport(stdout: string): Result<SignalReport> {
  const lines = markerLines(stdout);
  const resultLine = lines.find((l) => l.startsWith("result="));
  if (!resultLine) return { ok: false, error: "the signal command printed no result line" };
  const outcome = outcomeOf(field(resultLine, "result") ?? "", lines);
  if (!outcome) return { ok: false, error: `the signal command printed an unknown result (${cleanText(resultLine)})` };
  const commLine = lines.find((l) => l.startsWith("comm="));
  return { ok: true, value: { ...outcome, comm: commLine === undefined ? null : unescapeComm(commLine.slice(5)), counts: countsOf(lines) } };
}

export function parsePollReport(stdout: string): Result<PollReport> {
  const lines = markerLines(stdout);
  const counts = countsOf(lines);
  const poll = lines.find((l) => l.startsWith("poll "));
  const alive = poll ? field(poll, "alive") : undefined;
  if (!counts || (alive !== "0" && alive !== "1")) return { ok: false, error: "the outcome check printed no counts" };
  return { ok: true, value: { ...counts, zombies: alive === "1" ? counts.zombies : 0, alive: alive === "1" } };
}
