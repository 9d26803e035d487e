// The building blocks of every shell text Reaper sends to a server (the scan and the signal
// commands). Only fixed text and validated integers ever go into them: nothing a user typed.
// Each piece runs unchanged under bash, dash and busybox ash, and with mawk, gawk or busybox awk.

/** `timeout` exits 124 when it had to stop the remote work. */
export const REMOTE_TIMEOUT_EXIT = 124;

/** Refuses anything but a safe integer in [min, max]: the only variable text a command may hold. */
export function assertInt(name: string, n: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${String(n)}`);
  }
  return n;
}

/** Quotes fixed text as one double-quoted shell word, so scripts stay free of single quotes. */
export function doubleQuote(text: string): string {
  return `"${text.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

/**
 * One script for one SSH exec: sshd runs it through the account's shell as `SHELL -c TEXT`, so
 * the script itself is wrapped in single quotes for a POSIX `sh`, and `timeout` ends the remote
 * work on its own even if Reaper goes away (closing the channel would leave it running).
 */
export function wrapScript(script: string, opts: { locale: "C" | "C.UTF-8"; timeoutSeconds: number }): string {
  if (script.includes("'")) throw new Error("internal: a remote script must not contain single quotes");
  assertInt("timeoutSeconds", opts.timeoutSeconds, 1, 3600);
  return `LC_ALL=${opts.locale} timeout -k 2 ${opts.timeoutSeconds} sh -c '${script}'`;
}

/** awk: escapes backslash and newline in a comm, so one process stays one output line. */
export const AWK_ESCAPE_FUNCTION = [
  'function esc(c,  e, j, ch) { e = ""; for (j = 1; j <= length(c); j++) { ch = substr(c, j, 1);',
  'if (ch == "\\\\") ch = "\\\\\\\\"; else if (ch == "\\n") ch = "\\\\n"; e = e ch } return e }',
].join(" ");

/**
 * awk, inside BEGIN: opens a loop over /proc/PID/stat texts arriving on stdin (fed by
 * statFilesText). In the body, `f` is the process's PID (as text), `s` its whole stat text, `x[k]`
 * stat field k+2 counted after the LAST ") " (a comm may hold spaces, ")" and newlines), `n` how
 * many such fields (at least 20), and RSTART where that ") " starts. A comm with a newline spans two
 * lines: lines are joined until the text ends in the kernel's tail of fields, which 15 bytes of comm
 * cannot fake. awk reads none of the files itself: a process that exits between the open and the
 * read makes that read fail with ESRCH, and mawk aborts the whole program on a read error, where
 * grep reports it and goes on. The caller closes the loop's brace.
 */
export const AWK_STAT_LOOP = [
  'while ((getline l) > 0) { if (w) s = ""; w = 0; if (s == "") s = l; else s = s "\\n" l;',
  "if (!match(s, /\\) [^)]*$/)) continue;",
  'n = split(substr(s, RSTART + 2), x, " "); if (n < 20) continue; w = 1; f = substr(s, 1, index(s, " (") - 1);',
].join(" ");

/**
 * The stat files named by `files` (a shell word list, relative to /proc), every line as it is, to
 * AWK_STAT_LOOP's stdin. grep, not cat: GNU cat maps and unmaps a 128 KiB buffer for every file, and
 * on a 2-core host 1,000 stat files took it ~100 ms against ~20 ms for grep (a scan's remote part
 * went from ~210 to ~120 ms). LC_ALL=C: in a UTF-8 locale GNU grep takes a name that is not valid
 * UTF-8 for binary data and prints "binary file matches" instead of the line; in C only a NUL would,
 * and a stat text holds none. `-h` (GNU, busybox, toybox): no file names. A file whose process has
 * exited is reported on stderr and skipped.
 */
export const statFilesText = (files: string): string => `LC_ALL=C grep -h ^ ${files} 2>/dev/null`;
