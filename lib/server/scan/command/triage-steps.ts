// The scan steps that read what the 503 triage needs beyond the process table: SIGCHLD masks, UID,
// cgroup and cgroup PID limits of the top zombie parents, and the "Max processes" limit of the top
// users. Builtins only (read, case, printf) inside the loops: no fork per file, so the cost stays
// a few file reads whatever the host's size. Fixed text only, and no single quote anywhere.
import { MARKERS } from "@/lib/server/scan/command/markers";

/**
 * Runs on ps's output on its way to stdout: prints every line unchanged, and sends to fd 3 one live
 * PID for each of the `topUsers` users with the most processes (root is left out: RLIMIT_NPROC does
 * not bind it). Column 1 is the PID and column 2 the user in every ps format the scan accepts.
 */
export function userTallyAwkProgram(topUsers: number): string {
  return [
    "{ print } $1 ~ /^[0-9]+$/ && NF > 2 && $2 != \"root\" { n[$2]++; if ($3 !~ /^Z/) r[$2] = $1 }",
    `END { out = ""; for (t = 0; t < ${topUsers}; t++) { b = "";`,
    'for (q in n) if (!(q in s) && (b == "" || n[q] > n[b] || (n[q] == n[b] && q < b))) b = q;',
    'if (b == "") break; s[b] = 1; if (b in r) out = out " " r[b] }',
    'print out > "/dev/fd/3" }',
  ].join(" ");
}

// Walks from the parent's cgroup up to the root of one hierarchy and prints "pids HIER UP CURRENT MAX"
// for the leaf and for every level with a limit: a systemd slice or a pod often holds the limit while
// the process sits in a scope or container below it. UP counts levels above the leaf, so no cgroup
// path (which may hold any byte) is printed raw.
const pidsWalk =
  "k=0; while :; do " +
  'if read -r m 2>/dev/null <"$d$g/pids.max"; then ' +
  'if [ $k = 0 ] || [ "$m" != max ]; then read -r x 2>/dev/null <"$d$g/pids.current"; printf "pids %s %s %s %s\\n" $h $k "$x" "$m"; fi; fi; ' +
  'if [ -z "$g" ] || [ "$g" = / ]; then break; fi; g=${g%/*}; k=$((k+1)); done';

// cgroup v2 sits at /sys/fs/cgroup, or at /sys/fs/cgroup/unified on hybrid systemd hosts; the v1
// pids controller at /sys/fs/cgroup/pids. Lines of /proc/PID/cgroup are "ID:CONTROLLERS:PATH".
const cgroupLoop =
  "while IFS= read -r l; do printf \"cg %s\\n\" \"$l\"; g=${l#*:}; c=${g%%:*}; g=${g#*:}; " +
  "case $c in \"\") h=v2; d=$v ;; pids|pids,*|*,pids|*,pids,*) h=v1; d=/sys/fs/cgroup/pids ;; *) continue ;; esac; " +
  `${pidsWalk}; done 2>/dev/null </proc/$pid/cgroup`;

/** For each zombie parent the stat step picked (fd 3 summary in $p, after the process count). */
export function parentsStep(): string {
  return (
    "v=/sys/fs/cgroup; [ -e $v/cgroup.controllers ] || v=$v/unified; " +
    "set -- $p; if [ $# -gt 1 ]; then shift; for pid do " +
    `echo "${MARKERS.parent} $pid"; ` +
    'while read -r f w; do case $f in Uid:|SigBlk:|SigIgn:|SigCgt:) printf "%s %s\\n" "$f" "$w" ;; esac; done 2>/dev/null </proc/$pid/status; ' +
    `${cgroupLoop}; done; fi`
  );
}

/** For each top user's PID (fd 3 summary of the ps step, in $u): the soft and hard process limit. */
export function limitsStep(): string {
  return (
    `for pid in $u; do echo "${MARKERS.limits} $pid"; ` +
    'while read -r l; do case $l in "Max processes"*) printf "%s\\n" "$l" ;; esac; done 2>/dev/null </proc/$pid/limits; done'
  );
}
