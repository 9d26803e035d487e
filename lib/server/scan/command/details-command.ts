// The details step: sent as a command of its own once the scan has answered. `ps` (users, command
// lines, %CPU, RSS) and the top users' process limits, then `pstree -s -p PARENT` for the scan's top
// zombie parents. Both read the whole process table (procps' ps reads four files per process, one
// of them the environment; pstree reads it all again per parent), so they must not hold up the
// scan: on a 2-core host with 1,000 processes ps alone cost ~90 ms against ~45 ms for the scan's
// whole remote part. Fixed text and validated PIDs only.
import { assertInt, doubleQuote, wrapScript } from "@/lib/server/remote/shell";
import { MARKERS } from "@/lib/server/scan/command/markers";
import { limitsStep, userTallyAwkProgram } from "@/lib/server/scan/command/triage-steps";

/** Above this many processes pstree is not run at all: five calls would cost seconds of the server's CPU. */
export const PSTREE_MAX_PROCESSES = 5000;

/** How many parents (most zombies first) get a pstree view: the ones the parents step reads. */
export const PSTREE_PARENTS = 5;

/** How many users (most processes first, root aside) get their "Max processes" limit read. */
export const LIMIT_USERS = 5;

export type DetailsCommand = {
  command: string;
  /** The exact shell text of each part, for the scan's `commands`. pstree: "" when it does not run. */
  texts: { ps: string; limits: string; pstree: string };
};

// busybox ps rejects procps options: fall back to what it prints (the parser reads its header).
// Its rows pass through an awk on their way to stdout (fd 4) that picks the top users' PIDs (fd 3).
const psText = (topUsers: number) =>
  "u=$({ ps -A -ww -o pid=,user:32=,stat=,pcpu=,rss=,args= 2>/dev/null || ps -o pid,user,stat,args 2>/dev/null || ps; } | " +
  "LC_ALL=C awk " + doubleQuote(userTallyAwkProgram(topUsers)) + " 3>&1 >&4)";

function pstreeText(pids: number[]): string {
  if (pids.length > 50) throw new RangeError(`pstree runs for at most 50 parents, got ${pids.length}`);
  if (pids.length === 0) return "";
  const list = pids.map((pid) => assertInt("pid", pid, 1, 2 ** 22)).join(" ");
  // -l: without it pstree cuts lines at 132 columns when stdout is not a terminal.
  return (
    `if command -v pstree >/dev/null 2>&1; then for pid in ${list}; do echo "${MARKERS.pstree} $pid"; pstree -l -A -s -p "$pid"; done; ` +
    `else echo ${MARKERS.pstreeMissing}; fi`
  );
}

/** ps and the limits it leads to, then pstree for `pstreePids` (none: no pstree part). */
export function buildDetailsCommand(pstreePids: number[], opts: { timeoutSeconds: number; limitUsers?: number }): DetailsCommand {
  const topUsers = assertInt("limitUsers", opts.limitUsers ?? LIMIT_USERS, 0, 50);
  const texts = { ps: psText(topUsers), limits: limitsStep(), pstree: pstreeText(pstreePids) };
  const script = ["exec 4>&1", `echo ${MARKERS.ps}`, texts.ps, texts.limits, ...(texts.pstree ? [texts.pstree] : []), `echo ${MARKERS.end}`].join("; ");
  return { command: wrapScript(script, { locale: "C.UTF-8", timeoutSeconds: opts.timeoutSeconds }), texts };
}
