// The pstree step: `pstree -s -p PARENT` for the scan's top zombie parents, sent as a command of its
// own once the scan has answered. pstree reads the whole process table on every call (~0.1 s at
// 1,000 processes, ~1.5 s at 10,000), so it must not hold up the scan. Validated PIDs only.
import { assertInt, wrapScript } from "@/lib/server/remote/shell";
import { MARKERS } from "@/lib/server/scan/command/markers";

/** Above this many processes pstree is not run at all: five calls would cost seconds of the server's CPU. */
export const PSTREE_MAX_PROCESSES = 5000;

export type PstreeCommand = { command: string; text: string };

export function buildPstreeCommand(pids: number[], opts: { timeoutSeconds: number }): PstreeCommand {
  if (pids.length === 0 || pids.length > 50) throw new RangeError(`pstree runs for 1 to 50 parents, got ${pids.length}`);
  const list = pids.map((pid) => assertInt("pid", pid, 1, 2 ** 22)).join(" ");
  // -l: without it pstree cuts lines at 132 columns when stdout is not a terminal.
  const text =
    `if command -v pstree >/dev/null 2>&1; then for pid in ${list}; do echo "${MARKERS.pstree} $pid"; pstree -l -A -s -p "$pid"; done; ` +
    `else echo ${MARKERS.pstreeMissing}; fi`;
  return { command: wrapScript(`${text}; echo ${MARKERS.end}`, { locale: "C.UTF-8", timeoutSeconds: opts.timeoutSeconds }), text };
}
