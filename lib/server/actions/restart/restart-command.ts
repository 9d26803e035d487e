// The remote shell text of a service restart: one command that checks the parent's identity and
// that the unit named in the request still owns it (read from the cgroup path the server reports),
// then runs `systemctl restart`; a poll for the outcome; and a read-only look at the unit for the
// page's "what it breaks". Like the signal command, only fixed text, validated integers and a unit
// name held to systemd's grammar (lib/shared/actions/unit-name.ts) go in, the name only as the
// value of one double-quoted assignment: nothing a user typed reaches the shell as code.
import { ACTION_MARK, EXIT, identityChecks, preamble, SUDO_FAILED_CASE, wrapAction } from "@/lib/server/actions/signal-command";
import { assertInt, AWK_ESCAPE_FUNCTION, AWK_STAT_LOOP, doubleQuote, statFilesText } from "@/lib/server/remote/shell";
import { parseRestartableUnit } from "@/lib/shared/actions/unit-name";

/** systemctl restart waits for the stop and the start; the remote side gives up after this. */
export const RESTART_TIMEOUT_SECONDS = 45;
/** At most this many of the unit's processes are listed by the unit look (the total is counted). */
export const UNIT_PROCESSES_LISTED = 100;

export type RestartCommandInput = {
  pid: number;
  startTime: number;
  unit: string;
  useSudo: boolean;
  protectedNames: readonly string[];
};

/**
 * awk over /proc/PID/cgroup: prints "KIND HIERARCHY PATH". The path is where systemd put the process
 * (the v2 line, else systemd's v1 hierarchy, else the v1 pids controller; the first that is not the
 * root, as the scan's parse-cgroup.ts reads it), cut after its deepest `*.service`; KIND is
 * `service`, `user` when a user manager (user@UID.service) holds that service, or `none`.
 */
const UNIT_AWK = [
  '{ i = index($0, ":"); if (i == 0) next; r = substr($0, i + 1); j = index(r, ":"); if (j == 0) next;',
  'id = substr($0, 1, i - 1); c = substr(r, 1, j - 1); p = substr(r, j + 1);',
  'if (id == "0" && c == "") v = p; else if (c == "name=systemd") s = p; else if (("," c ",") ~ /,pids,/) q = p }',
  'END { w = v; h = "v2"; if (w == "" || w == "/") { w = s; h = "sd" } if (w == "" || w == "/") { w = q; h = "pids" }',
  'n = split(w, a, "/"); k = 0; for (i = n; i >= 1; i--) if (a[i] ~ /[.]service$/) { k = i; break }',
  'if (k == 0) { print "none " h " " w; exit } t = "service"; for (i = 1; i < k; i++) if (a[i] ~ /^user@.*[.]service$/) t = "user";',
  'd = ""; for (i = 2; i <= k; i++) d = d "/" a[i]; print t " " h " " d }',
].join(" ");

// un PID: kind, hier, ud (the unit's cgroup path) and u (the unit, its last part) of one process.
const UN_FUNCTION =
  `un() { r=$(awk ${doubleQuote(UNIT_AWK)} /proc/$1/cgroup 2>/dev/null); ` +
  'kind=${r%% *}; r=${r#* }; hier=${r%% *}; ud=${r#* }; u=${ud##*/}; }';

// systemctl show's KEY=value lines as marker lines: "M TAG KEY=value".
const showAs = (tag: string, props: string[], unitVar: string): string =>
  `systemctl show ${props.map((p) => `-p ${p}`).join(" ")} -- "${unitVar}" 2>/dev/null | while IFS= read -r l; do say "${tag} $l"; done`;

/** The restartable unit name, or a RangeError: the route validated it already; this is the last guard. */
function unitAssignment(unit: string): string {
  const parsed = parseRestartableUnit(unit);
  if (!parsed.ok) throw new RangeError(`unit ${parsed.error}`);
  return `U=${doubleQuote(parsed.value.name)}`;
}

/** The one command that checks pid + start time and the unit that owns it, then restarts the unit. */
export function buildRestartCommand(input: RestartCommandInput): string {
  assertInt("pid", input.pid, 1);
  assertInt("startTime", input.startTime, 0);
  const systemctl = input.useSudo ? "sudo -n systemctl" : "systemctl";
  return wrapAction(
    [
      ...preamble(input.pid, input.startTime),
      unitAssignment(input.unit),
      UN_FUNCTION,
      ...identityChecks(input.protectedNames),
      "un $P",
      `[ "$kind" != none ] || { say found=$ud; say result=not-service kind=none; exit ${EXIT.notService}; }`,
      `[ "$kind" != user ] || { say found=$u; say result=not-service kind=user; exit ${EXIT.notService}; }`,
      `[ "$u" = "$U" ] || { say found=$u; say result=moved; exit ${EXIT.moved}; }`,
      // Restarting the unit this very session runs in (sshd's own, on hosts without logind) would cut it off.
      "un $$",
      `[ "$kind:$u" != "service:$U" ] || { say result=protected reason=session; exit ${EXIT.protected}; }`,
      `command -v systemctl >/dev/null 2>&1 || { say error=systemctl is not installed; say result=no-systemd; exit ${EXIT.noSystemd}; }`,
      showAs("before", ["Description", "ActiveState", "MainPID"], "$U"),
      `o=$(${systemctl} restart -- "$U" 2>&1); rc=$?`,
      `[ $rc -ne 0 ] || { say result=sent; exit ${EXIT.sent}; }`,
      'e=$(printf "%s\\n" "$o" | head -n 1)',
      input.useSudo ? SUDO_FAILED_CASE : "",
      "case $o in " +
        `*"booted with systemd"*|*"connect to bus"*|*"Failed to connect"*) say error=$e; say result=no-systemd; exit ${EXIT.noSystemd};; ` +
        `*"Access denied"*|*"authentication required"*|*"ermission denied"*) say error=$e; say result=eperm; exit ${EXIT.eperm};; ` +
        // The unit was stopped (its processes with it) but did not come back: an outcome, not a refusal.
        `*"Job for "*) say error=$e; say result=sent start=failed; exit ${EXIT.startFailed};; esac`,
      `say error=$e; say result=failed; exit ${EXIT.failed}`,
    ],
    RESTART_TIMEOUT_SECONDS,
  );
}

/** After the restart: is the old parent still there, its zombies, and the unit's state and main PID. */
export function buildRestartPollCommand(pid: number, startTime: number, unit: string): string {
  assertInt("pid", pid, 1);
  assertInt("startTime", startTime, 0);
  return wrapAction([
    ...preamble(pid, startTime),
    unitAssignment(unit),
    'if rd $P && [ "$t" = "$S" ] && [ "$st" != Z ]; then say poll alive=1; else say poll alive=0; fi',
    showAs("unit", ["ActiveState", "MainPID"], "$U"),
  ]);
}

// Every process of the unit, one marker line each: "M proc PID PPID STATE comm=ESCAPED".
const PROC_AWK = [
  AWK_ESCAPE_FUNCTION,
  "BEGIN {",
  AWK_STAT_LOOP,
  'h = substr(s, 1, RSTART - 1); o = index(h, " ("); c = ""; if (o > 1) c = substr(h, o + 2);',
  'print m " proc " f " " x[2] " " x[1] " comm=" esc(c) } }',
].join(" ");

/**
 * Read-only: which unit owns the process (from its cgroup, not from the caller), systemd's view of
 * it, and its processes, for the restart dialog. The unit name here comes from the server itself
 * and is only ever used as a quoted variable.
 */
export function buildUnitInfoCommand(pid: number, startTime: number): string {
  assertInt("pid", pid, 1);
  assertInt("startTime", startTime, 0);
  return wrapAction([
    ...preamble(pid, startTime),
    UN_FUNCTION,
    `rd $P || { say result=gone; exit ${EXIT.gone}; }`,
    `[ "$t" = "$S" ] || { say start=$t; say result=changed; exit ${EXIT.changed}; }`,
    `[ "$st" != Z ] || { say result=gone; exit ${EXIT.gone}; }`,
    "un $P",
    "say unit kind=$kind",
    "say unitname=$u",
    `[ "$kind" = service ] || { say found=$ud; say result=ok; exit 0; }`,
    'command -v systemctl >/dev/null 2>&1 && { o=$(systemctl show -p Description -p ActiveState -p SubState -p MainPID -- "$u" 2>&1); rc=$?; ' +
      'printf "%s\\n" "$o" | while IFS= read -r l; do say "show $l"; done; say systemctl rc=$rc; } || say systemctl rc=127',
    'case $hier in v2) mp=/sys/fs/cgroup; [ -f $mp/cgroup.controllers ] || mp=/sys/fs/cgroup/unified;; sd) mp=/sys/fs/cgroup/systemd;; *) mp=/sys/fs/cgroup/pids;; esac',
    'l=$(find "$mp$ud" -name cgroup.procs 2>/dev/null | while IFS= read -r f; do cat "$f"; done | awk "/^[0-9]+\\$/" | sort -n -u)',
    'say procs total=$(printf "%s\\n" "$l" | awk "NF { n++ } END { print n + 0 }")',
    `set --; for x in $(printf "%s\\n" "$l" | head -n ${UNIT_PROCESSES_LISTED}); do set -- "$@" $x/stat; done`,
    `[ $# -eq 0 ] || (cd /proc && ${statFilesText('"$@"')} | awk -v m=${ACTION_MARK} ${doubleQuote(PROC_AWK)})`,
    "say result=ok",
  ]);
}
