// The steps of a scan, by name: what a figure says it came from, and the index of its shell text
// in the scan's `commands`.

/** The steps in the order they run; `commands[i]` is the shell text of `SCAN_STEPS[i]`. New steps go
 * last so that the index of every older step stays what stored scans and their readers expect. */
export const SCAN_STEPS = ["sys", "stat", "ps", "pstree", "parents", "limits"] as const;
export type ScanStep = (typeof SCAN_STEPS)[number];
