// Reads the stat step: one line per process, "PID PPID STATE STARTTIME THREADS COMM", written by the
// awk in scan-command.ts from /proc/PID/stat. COMM comes last, with "\\" and "\n" escaped.
import { intBetween, lineEnd } from "@/lib/server/scan/parse/text-fields";
import { fail, ok, type Result } from "@/lib/shared/result";
import type { Process } from "@/lib/shared/scan/types";

/**
 * A process as /proc/PID/stat tells it: `state` is the kernel's one letter (R, S, D, Z, T, I, ...),
 * `startTime` field 22 (clock ticks after boot). It has the Process shape already, with what only ps
 * knows (user, args, %CPU, RSS) unknown: the join with ps fills those in place, so a 50,000-process
 * scan makes one object per process, not two.
 */
export type StatRow = Process;

const unescapeComm = (text: string): string =>
  text.includes("\\") ? text.replace(/\\([\\n])/g, (_, c: string) => (c === "n" ? "\n" : "\\")) : text;

const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** The line text[start, end), read in place: only the comm becomes a string of its own. */
function parseLine(text: string, start: number, end: number): StatRow | null {
  // Five separators by indexOf: the comm itself may contain spaces.
  const a = text.indexOf(" ", start);
  const b = text.indexOf(" ", a + 1);
  const c = b + 2;
  const d = text.indexOf(" ", c + 1);
  const e = text.indexOf(" ", d + 1);
  if (a < 0 || b < 0 || e < 0 || e >= end || text.charCodeAt(c) !== 32 || !isLetter(text.charCodeAt(b + 1))) return null;
  const row: StatRow = {
    pid: intBetween(text, start, a),
    ppid: intBetween(text, a + 1, b),
    state: text[b + 1] ?? "",
    startTime: intBetween(text, c + 1, d),
    threads: intBetween(text, d + 1, e),
    comm: unescapeComm(text.slice(e + 1, end)),
    user: "?",
    args: "",
    cpu: null,
    rssKb: null,
  };
  // NaN fails every comparison.
  return row.pid > 0 && row.ppid >= 0 && row.startTime >= 0 && row.threads >= 0 ? row : null;
}

export function parseProcStat(text: string): Result<StatRow[]> {
  const rows: StatRow[] = [];
  for (let start = 0, line = 1; start < text.length; line++) {
    const end = lineEnd(text, start);
    if (end > start) {
      const row = parseLine(text, start, end);
      if (row === null) {
        return fail(`line ${line} is not "PID PPID STATE STARTTIME THREADS COMM": ${JSON.stringify(text.slice(start, Math.min(end, start + 80)))}`);
      }
      rows.push(row);
    }
    start = end + 1;
  }
  if (rows.length === 0) return fail("read no process from /proc/*/stat (is /proc mounted, and does awk run?)");
  return ok(rows);
}
