// The remote shell text of an action: one command that checks the target's identity and sends the
// signal, and one cheap command that watches the outcome. Both must run unchanged under bash, dash
// and busybox ash, with mawk, gawk or busybox awk. Only fixed text, the validated integers pid and
// startTime, a signal name from SIGNAL_OF and the configured protected names (held to a strict
// grammar by lib/env.ts) go into them: nothing a user typed reaches the shell as text.
import { assertInt, AWK_ESCAPE_FUNCTION, AWK_STAT_LOOP, doubleQuote, statFilesText, wrapScript } from "@/lib/server/remote/shell";
import { SIGNAL_OF, type SignalAction } from "@/lib/shared/actions/types";
import { PROTECTED_NAME } from "@/lib/shared/schemas/protected-name";

export const ACTION_MARK = "@@reaper-action";

/** Exit codes of the signal and restart commands (the result= marker line says the same in words). */
export const EXIT = { sent: 0, gone: 3, changed: 4, protected: 5, eperm: 6, sudoFailed: 7, failed: 8, moved: 9, notService: 10, noSystemd: 11, startFailed: 12 } as const;

const REMOTE_TIMEOUT_SECONDS = 10;
/** PF_KTHREAD in field 9 (flags) of /proc/PID/stat: set on every kernel thread. */
const PF_KTHREAD = 0x00200000;

export type SignalCommandInput = {
  action: SignalAction;
  pid: number;
  startTime: number;
  useSudo: boolean;
  protectedNames: readonly string[];
};

// One pass over every /proc/PID/stat (AWK_STAT_LOOP). Prints the zombie children of p, the zombie
// children of PID 1 other than p (orphans a non-reaping init keeps), and p's comm, escaped.
const COUNT_AWK = [
  AWK_ESCAPE_FUNCTION,
  'BEGIN { c = "";',
  AWK_STAT_LOOP,
  "q = f;",
  'if (q == p) { h = substr(s, 1, RSTART - 1); o = index(h, " ("); if (o > 1) c = substr(h, o + 2) }',
  'if (x[1] != "Z") continue; if (x[2] == p) a++; else if (x[2] == 1 && q != p) b++ }',
  'print m " count zombies=" (a + 0) " initzombies=" (b + 0); if (c != "") print m " comm=" esc(c) }',
].join(" ");

const UID_AWK = "/^Uid:/ { print $2; exit }";
const PASSWD_AWK = "$3 == u { print $1; exit }";

/** Sets P and S, `say` (a marker line) and `rd PID`, and prints the zombie counts and P's comm. */
export function preamble(pid: number, startTime: number): string[] {
  return [
    `P=${pid}; S=${startTime}`,
    `say() { printf "%s\\n" "${ACTION_MARK} $*"; }`,
    // rd PID: state, ppid, flags and start time (fields 3, 4, 9, 22) and comm of one process.
    "rd() { s=$(cat /proc/$1/stat 2>/dev/null) || return 1; case $s in *\") \"*) ;; *) return 1;; esac; " +
      "r=${s##*[)] }; set -f; set -- $r; set +f; [ $# -ge 20 ] || return 1; " +
      "st=$1; pp=$2; fl=$7; t=${20}; c=${s#*[(]}; c=${c%[)] *}; }",
    `(cd /proc && ${statFilesText("[0-9]*/stat")} | awk -v p=$P -v m=${ACTION_MARK} ${doubleQuote(COUNT_AWK)})`,
  ];
}

// LC_ALL=C: kill's messages in English for the EPERM/ESRCH match, and byte-wise patterns on comms.
export const wrapAction = (lines: string[], timeoutSeconds = REMOTE_TIMEOUT_SECONDS): string =>
  wrapScript(lines.filter((l) => l !== "").join("\n"), { locale: "C", timeoutSeconds });

function caseNames(names: readonly string[]): string {
  const safe = names.filter((n) => PROTECTED_NAME.test(n));
  if (safe.length !== names.length) throw new RangeError("protected names must match " + PROTECTED_NAME.source);
  if (safe.length === 0) return "";
  return `case $tc in ${safe.map((n) => doubleQuote(n)).join("|")}) say result=protected reason=name; exit ${EXIT.protected};; esac`;
}

/**
 * After the preamble: walks this shell's own ancestors (the dashboard's session), then checks that
 * P is still the process from the scan (pid + start time, not a zombie) and not protected. Exits
 * with a result line otherwise; as late as possible, so only tests stand between it and the act.
 */
export function identityChecks(protectedNames: readonly string[]): string[] {
  return [
    // The dashboard's own session: every ancestor of this shell ($$), up to PID 1.
    "mine=0; a=$$; n=0; while [ \"$a\" -gt 1 ] && [ $n -lt 200 ]; do [ \"$a\" != $P ] || mine=1; rd $a || break; a=$pp; n=$((n+1)); done",
    `rd $P || { say result=gone; exit ${EXIT.gone}; }`,
    `[ "$t" = "$S" ] || { say start=$t; say result=changed; exit ${EXIT.changed}; }`,
    `[ "$st" != Z ] || { say result=gone; exit ${EXIT.gone}; }`,
    "tc=$c",
    `[ $P != 1 ] || { say result=protected reason=init; exit ${EXIT.protected}; }`,
    `[ $P != 2 ] && [ "$pp" != 2 ] && [ $((fl & ${PF_KTHREAD})) -eq 0 ] || { say result=protected reason=kernel; exit ${EXIT.protected}; }`,
    `[ $mine = 0 ] || { say result=protected reason=session; exit ${EXIT.protected}; }`,
    caseNames(protectedNames),
  ];
}

/** sudo's own refusals (no NOPASSWD, not in sudoers, not installed), reported as sudo-failed. */
export const SUDO_FAILED_CASE = `case $rc:$o in 127:*|*sudo:*|*"Sorry, user"*|*"a password is required"*) say error=$e; say result=sudo-failed; exit ${EXIT.sudoFailed};; esac`;

/** The one command that checks pid + start time, refuses protected processes and only then signals. */
export function buildSignalCommand(input: SignalCommandInput): string {
  assertInt("pid", input.pid, 1);
  assertInt("startTime", input.startTime, 0);
  const signal = SIGNAL_OF[input.action];
  const kill = input.useSudo ? `sudo -n kill -s ${signal} $P` : `kill -s ${signal} $P`;
  return wrapAction([
    ...preamble(input.pid, input.startTime),
    ...identityChecks(input.protectedNames),
    `o=$(${kill} 2>&1); rc=$?`,
    `[ $rc -ne 0 ] || { say result=sent; exit ${EXIT.sent}; }`,
    "e=$(printf \"%s\\n\" \"$o\" | head -n 1)",
    input.useSudo ? SUDO_FAILED_CASE : "",
    "case $o in *\"not permitted\"*) " +
      `u=$(awk ${doubleQuote(UID_AWK)} /proc/$P/status 2>/dev/null); nm=$(getent passwd "$u" 2>/dev/null | cut -d: -f1); ` +
      `[ -n "$nm" ] || nm=$(awk -F: -v u="$u" ${doubleQuote(PASSWD_AWK)} /etc/passwd 2>/dev/null); ` +
      `say owner uid=$u name=$nm; say result=eperm; exit ${EXIT.eperm};; ` +
      `*"No such process"*) say result=gone; exit ${EXIT.gone};; esac`,
    `say error=$e; say result=failed; exit ${EXIT.failed}`,
  ]);
}

/** A cheap look after the signal: is the same process still alive, and how many zombies remain? */
export function buildPollCommand(pid: number, startTime: number): string {
  assertInt("pid", pid, 1);
  assertInt("startTime", startTime, 0);
  return wrapAction([
    ...preamble(pid, startTime),
    'if rd $P && [ "$t" = "$S" ] && [ "$st" != Z ]; then say poll alive=1; else say poll alive=0; fi',
  ]);
}
