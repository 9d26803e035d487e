// Reads the ps step. procps-ng prints headerless "PID USER STAT %CPU RSS ARGS" rows; when it is
// missing (busybox, Alpine) the fallback prints a header naming its columns, and rows are read by it.
import { decimalBetween, intBetween, lineEnd, nextField } from "@/lib/server/scan/parse/text-fields";
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

/**
 * One string per distinct user name and STAT value: a big host has a handful of each, so 50,000
 * rows share them instead of each holding copies of its own.
 */
class Words {
  private readonly seen: string[] = [];

  at(text: string, start: number, end: number): string {
    const length = end - start;
    for (const word of this.seen) if (word.length === length && text.startsWith(word, start)) return word;
    const word = text.slice(start, end);
    if (this.seen.length < 64) this.seen.push(word);
    return word;
  }
}

const isPid = (n: number) => Number.isSafeInteger(n) && n > 0;

/**
 * procps-ng's headerless "PID USER STAT %CPU RSS ARGS" in text[start, stop): args follow the RSS
 * column after one space. Read in place: this runs once per process, 50,000 times on a big host.
 */
function procpsRow(text: string, start: number, stop: number, words: Words): PsRow | null {
  const [p0, p1] = nextField(text, start, stop);
  const [u0, u1] = nextField(text, p1, stop);
  const [s0, s1] = nextField(text, u1, stop);
  const [c0, c1] = nextField(text, s1, stop);
  const [r0, r1] = nextField(text, c1, stop);
  if (p1 < 0 || u1 < 0 || s1 < 0 || c1 < 0 || r1 < 0) return null;
  const pid = intBetween(text, p0, p1);
  if (!isPid(pid)) return null;
  const cpu = decimalBetween(text, c0, c1);
  const rssKb = intBetween(text, r0, r1);
  return { pid, user: words.at(text, u0, u1), state: words.at(text, s0, s1), cpu: Number.isNaN(cpu) ? null : cpu, rssKb: Number.isNaN(rssKb) ? null : rssKb, args: text.slice(r1 + 1, stop) };
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
  let start = 0;
  let line = 1;
  while (start < text.length && text.slice(start, lineEnd(text, start)).trim() === "") {
    start = lineEnd(text, start) + 1;
    line++;
  }
  if (start >= text.length) return fail("printed nothing: this server's ps is not supported");
  const firstLine = text.slice(start, lineEnd(text, start)).trim();
  const header = firstLine.startsWith("PID ") ? firstLine.split(/ +/) : null;
  if (header && !COMMAND_HEADERS.has(header[header.length - 1] ?? "")) {
    return fail(`printed a header without a command column last (${firstLine}): this server's ps is not supported`);
  }
  if (header) {
    start = lineEnd(text, start) + 1;
    line++;
  }
  const rows: PsRow[] = [];
  const words = new Words();
  for (; start < text.length; line++) {
    const end = lineEnd(text, start);
    if (end > start) {
      const row = header ? headedRow(text.slice(start, end), header) : procpsRow(text, start, end, words);
      const last = rows[rows.length - 1];
      if (row) rows.push(row);
      // busybox prints a comm's newline raw inside "{comm} args": the rest of the row follows.
      else if (last && header) last.args += `\n${text.slice(start, end)}`;
      else return fail(`line ${line} is not a process row: ${JSON.stringify(text.slice(start, Math.min(end, start + 80)))}: this server's ps is not supported`);
    }
    start = end + 1;
  }
  if (rows.length === 0) return fail("listed no process: this server's ps is not supported");
  return ok({ format: header ? "busybox" : "procps", rows });
}
