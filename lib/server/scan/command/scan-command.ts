// The scan's shell command. It must run unchanged under bash, dash and busybox ash, with mawk, gawk
// or busybox awk. Only fixed text and validated integers go into it.
import { assertInt, AWK_ESCAPE_FUNCTION, AWK_STAT_LOOP, doubleQuote, statFilesText, wrapScript } from "@/lib/server/remote/shell";
import { MARKERS } from "@/lib/server/scan/command/markers";
import { parentsStep } from "@/lib/server/scan/command/triage-steps";

export type ScanCommandOptions = {
  /** The remote side stops all scan work after this many seconds (then SIGKILL 2 s later). */
  timeoutSeconds?: number;
  /** How many zombie parents (most zombies first) get a read of their SIGCHLD masks, cgroup and
   * cgroup PID limit (and, in the details step, a `pstree`). */
  pstreeParents?: number;
};

export type ScanCommand = {
  /** One string for one SSH exec; the account's shell runs it as `SHELL -c command`. */
  command: string;
  /** The exact shell text of each step, indexed like SCAN_STEPS (sys, stat, ps, pstree, parents,
   * limits). ps, limits and pstree are the details step, a command of its own sent after the scan
   * answered (details-command.ts): here they are empty until the scan knows what they run for. */
  commands: string[];
};

function intOption(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  return assertInt(name, value ?? fallback, min, max);
}
// One line per process from AWK_STAT_LOOP's fields. comm goes last, with backslash and newline
// escaped. The rows are held until the end so that the first line can be "PROCESSES PID...": the
// chosen zombie parents, for the parents step.
function statAwkProgram(topParents: number): string {
  return [
    AWK_ESCAPE_FUNCTION,
    "BEGIN {",
    AWK_STAT_LOOP,
    'h = substr(s, 1, RSTART - 1); o = index(h, " (");',
    "if (o < 2) continue; c = substr(h, o + 2);",
    'if (index(c, "\\\\") || index(c, "\\n")) c = esc(c);',
    'r[++procs] = substr(h, 1, o - 1) " " x[2] " " x[1] " " x[20] " " x[18] " " c;',
    'if (x[1] == "Z") z[x[2]]++ }',
    `out = procs + 0; for (t = 0; t < ${topParents}; t++) { b = "";`,
    'for (q in z) if (!(q in u) && (b == "" || z[q] > z[b] || (z[q] == z[b] && q + 0 < b + 0))) b = q;',
    'if (b == "") break; u[b] = 1; out = out " " (b + 0) }',
    "print out; for (i = 1; i <= procs; i++) print r[i] }",
  ].join(" ");
}

/**
 * The scan: the kernel limits, the /proc/PID/stat table (one read of /proc, the only one) and the
 * zombie parents' facts, one after the other: each needs the one before, and on a small host
 * parallel readers of /proc gain nothing (two of them took as long as both in turn on this 2-core
 * lab). What needs a second read of the table (ps, pstree) is the details step.
 */
export function buildScanCommand(opts: ScanCommandOptions = {}): ScanCommand {
  const timeout = intOption("timeoutSeconds", opts.timeoutSeconds, 30, 1, 3600);
  const top = intOption("pstreeParents", opts.pstreeParents, 5, 0, 50);

  // One process for all of them: the online CPUs as the kernel lists them ("0-3,6"), where getconf
  // reads them too, and no getconf for the clock tick (USER_HZ, which the parser takes as 100): each
  // fork is milliseconds on a loaded server. grep, not the shell's read: dash and busybox read
  // nothing from /proc/sys files.
  const sys = "grep -H . /proc/sys/kernel/pid_max /proc/sys/kernel/threads-max /proc/loadavg /proc/uptime /sys/devices/system/cpu/online";
  // The summary line (digits and spaces only) goes to $p, the rows after it to stdout. LC_ALL=C: the
  // kernel cuts comm at 15 bytes, maybe inside a UTF-8 character, and awk must pass bytes as-is.
  const stat =
    "s=$(cd /proc && " + statFilesText("[0-9]*/stat") + " | LC_ALL=C awk " + doubleQuote(statAwkProgram(top)) + '); p=${s%%[!0-9 ]*}; printf "%s\\n" "${s#*[!0-9 ]}"';
  const parents = parentsStep();
  // $$: the scan's own shell, so its processes (awk, the subshells) can be left out of the picture.
  const script = [`echo "${MARKERS.sys} $$"`, sys, `echo ${MARKERS.stat}`, stat, parents, `echo ${MARKERS.end}`].join("; ");
  return {
    command: wrapScript(script, { locale: "C.UTF-8", timeoutSeconds: timeout }),
    commands: [sys, stat, "", "", parents, ""],
  };
}
