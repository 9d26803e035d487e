// The scan script prints a marker line before each step's output, so the parser can tell which
// step printed what and name the step that failed. Stat lines start with a digit, ps lines with a
// space, a digit or "PID", pstree escapes control characters, and the parents and limits steps
// prefix every line they copy from /proc, so no output line can pose as one.

export const MARK = "@@reaper:";

export const MARKERS = {
  sys: `${MARK}sys`,
  stat: `${MARK}stat`,
  ps: `${MARK}ps`,
  /** Followed by " PID": what `pstree` printed for that zombie parent. */
  pstree: `${MARK}pstree`,
  /** Followed by " COUNT": too many processes for pstree to be cheap. */
  pstreeSkipped: `${MARK}pstree-skipped`,
  pstreeMissing: `${MARK}pstree-missing`,
  /** Followed by " PID": SIGCHLD masks, UID, cgroup lines and cgroup PID counts of that zombie parent. */
  parent: `${MARK}parent`,
  /** Followed by " PID": the "Max processes" line of that process, one per top user. */
  limits: `${MARK}limits`,
  end: `${MARK}end`,
} as const;
