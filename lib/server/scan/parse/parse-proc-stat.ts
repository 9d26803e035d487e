// Reads the stat step: one line per process, "PID PPID STATE STARTTIME THREADS COMM", written by the
// awk in scan-command.ts from /proc/PID/stat. COMM comes last, with "\\" and "\n" escaped.
import { fail, ok, type Result } from "@/lib/shared/result";

export type StatRow = {
  pid: number;
  ppid: number;
  /** The kernel's one-letter state (R, S, D, Z, T, I, ...). */
  state: string;
  /** Field 22: clock ticks after boot. */
  startTime: number;
  threads: number;
  comm: string;
};

const unescapeComm = (text: string): string =>
  text.includes("\\") ? text.replace(/\\([\\n])/g, (_, c: string) => (c === "n" ? "\n" : "\\")) : text;

/** The digits of line[start, end) as a number, NaN if anything else: no substring per field. */
function intBetween(line: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return NaN;
  let n = 0;
  for (let i = start; i < end; i++) {
    const digit = line.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    n = n * 10 + digit;
  }
  return n;
}

const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

function parseLine(line: string): StatRow | null {
  // Five separators by indexOf: the comm itself may contain spaces.
  const a = line.indexOf(" ");
  const b = line.indexOf(" ", a + 1);
  const c = line.indexOf(" ", b + 1);
  const d = line.indexOf(" ", c + 1);
  const e = line.indexOf(" ", d + 1);
  if (a < 0 || b < 0 || c !== b + 2 || d < 0 || e < 0 || !isLetter(line.charCodeAt(b + 1))) return null;
  const row: StatRow = {
    pid: intBetween(line, 0, a),
    ppid: intBetween(line, a + 1, b),
    state: line[b + 1] ?? "",
    startTime: intBetween(line, c + 1, d),
    threads: intBetween(line, d + 1, e),
    comm: unescapeComm(line.slice(e + 1)),
  };
  // NaN fails every comparison.
  return row.pid > 0 && row.ppid >= 0 && row.startTime >= 0 && row.threads >= 0 ? row : null;
}

export function parseProcStat(text: string): Result<StatRow[]> {
  const rows: StatRow[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line === "") continue;
    const row = parseLine(line);
    if (row === null) {
      return fail(`line ${i + 1} is not "PID PPID STATE STARTTIME THREADS COMM": ${JSON.stringify(line.slice(0, 80))}`);
    }
    rows.push(row);
  }
  if (rows.length === 0) return fail("read no process from /proc/*/stat (is /proc mounted, and does awk run?)");
  return ok(rows);
}
