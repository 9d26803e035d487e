// Reads the ps step. procps-ng prints headerless "PID USER STAT %CPU RSS ARGS" rows; when it is
// missing (busybox, Alpine) the fallback prints a header naming its columns, and rows are read by it.
import { fail, ok, type Result } from "@/lib/shared/result";

export type PsRow = {
  pid: number;
  /** null where the server's ps has no such column. */
  user: string | null;
  state: string | null;
  cpu: number | null;
  rssKb: number | null;
  args: string;
};

export type PsTable = {
  /** "busybox": the fallback ran (no CPU or memory figures); rows were read by its header. */
  format: "procps" | "busybox";
  rows: PsRow[];
};

const COMMAND_HEADERS = new Set(["COMMAND", "CMD", "ARGS"]);

/** Splits off `count` space-separated fields; the rest of the line (args may hold spaces) follows. */
function fields(line: string, count: number): { values: string[]; rest: number } | null {
  const values: string[] = [];
  let i = 0;
  while (values.length < count) {
    while (line.charCodeAt(i) === 32) i++;
    const end = line.indexOf(" ", i);
    if (end <= i) return null;
    values.push(line.slice(i, end));
    i = end;
  }
  return { values, rest: i };
}

const toNumber = (text: string | undefined): number | null => {
  const n = text === undefined ? NaN : Number(text);
  return Number.isFinite(n) ? n : null;
};

const isPid = (n: number) => Number.isSafeInteger(n) && n > 0;

/** Start and end of the next space-separated field from `from`; end is -1 when there is none. */
function nextField(line: string, from: number): [number, number] {
  let i = from;
  while (line.charCodeAt(i) === 32) i++;
  const end = line.indexOf(" ", i);
  return [i, end <= i ? -1 : end];
}

/**
 * procps-ng's headerless "PID USER STAT %CPU RSS ARGS": args follow the RSS column after one space.
 * Walked with indexOf rather than split: this runs once per process, 50,000 times on a big host.
 */
function procpsRow(line: string): PsRow | null {
  const [p0, p1] = nextField(line, 0);
  const [u0, u1] = nextField(line, p1);
  const [s0, s1] = nextField(line, u1);
  const [c0, c1] = nextField(line, s1);
  const [r0, r1] = nextField(line, c1);
  if (p1 < 0 || u1 < 0 || s1 < 0 || c1 < 0 || r1 < 0) return null;
  const pid = Number(line.slice(p0, p1));
  if (!isPid(pid)) return null;
  return { pid, user: line.slice(u0, u1), state: line.slice(s0, s1), cpu: toNumber(line.slice(c0, c1)), rssKb: toNumber(line.slice(r0, r1)), args: line.slice(r1 + 1) };
}

/** A row of a ps that printed a header (busybox): columns found by name, args padded. */
function headedRow(line: string, columns: string[]): PsRow | null {
  const split = fields(line, columns.length - 1);
  if (!split) return null;
  const value = (name: string) => {
    const at = columns.indexOf(name);
    return at < 0 ? null : (split.values[at] ?? null);
  };
  const pid = Number(value("PID"));
  return isPid(pid) ? { pid, user: value("USER"), state: value("STAT"), cpu: null, rssKb: null, args: line.slice(split.rest).trimStart() } : null;
}

export function parsePs(text: string): Result<PsTable> {
  const lines = text.split("\n");
  let first = 0;
  while (first < lines.length && (lines[first] ?? "").trim() === "") first++;
  const firstLine = lines[first];
  if (firstLine === undefined) return fail("printed nothing: this server's ps is not supported");
  const header = firstLine.trim().startsWith("PID ") ? firstLine.trim().split(/ +/) : null;
  if (header && !COMMAND_HEADERS.has(header[header.length - 1] ?? "")) {
    return fail(`printed a header without a command column last (${firstLine.trim()}): this server's ps is not supported`);
  }
  const rows: PsRow[] = [];
  for (let i = header ? first + 1 : first; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line === "") continue;
    const row = header ? headedRow(line, header) : procpsRow(line);
    if (row) {
      rows.push(row);
      continue;
    }
    const last = rows[rows.length - 1];
    // busybox prints a comm's newline raw inside "{comm} args": the rest of the row follows.
    if (last && header) {
      last.args += `\n${line}`;
      continue;
    }
    return fail(`line ${i + 1} is not a process row: ${JSON.stringify(line.slice(0, 80))}: this server's ps is not supported`);
  }
  if (rows.length === 0) return fail("listed no process: this server's ps is not supported");
  return ok({ format: header ? "busybox" : "procps", rows });
}
