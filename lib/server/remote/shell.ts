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
 * awk, inside BEGIN: opens a loop over the /proc/PID/stat files given as arguments. In the body,
 * `f` is the file, `s` its whole text, `x[k]` stat field k+2 counted after the LAST ") " (a comm
 * may hold spaces, ")" and newlines), `n` how many such fields, and RSTART where that ") " starts.
 * getline instead of awk's file loop because mawk and busybox awk abort on a file that vanished
 * between the glob and the read. The caller closes the loop's brace.
 */
export const AWK_STAT_LOOP = [
  'for (i = 1; i < ARGC; i++) { f = ARGV[i]; s = ""; k = 0;',
  'while ((getline l < f) > 0) { if (k++) s = s "\\n" l; else s = l } close(f);',
  "if (!match(s, /\\) [^)]*$/)) continue;",
  'n = split(substr(s, RSTART + 2), x, " ");',
].join(" ");
