// The scan script prints a marker line before each step's output, so the parser can tell which
// step printed what and name the step that failed. Stat lines start with a digit, ps lines with a
// space, a digit or "PID", and pstree escapes control characters, so no output line can pose as one.

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
  end: `${MARK}end`,
} as const;

/** The steps in the order they run; `commands[i]` is the shell text of `SCAN_STEPS[i]`. */
export const SCAN_STEPS = ["sys", "stat", "ps", "pstree"] as const;
export type ScanStep = (typeof SCAN_STEPS)[number];
