// Builders for the action-UI tests: a scan's Parent and Process with only what a test changes.
import type { Parent, Process } from "@/lib/shared/scan/types";

export function proc(over: Partial<Process> & Pick<Process, "pid" | "ppid" | "comm">): Process {
  return { state: "S", user: "root", startTime: 1000, args: over.comm, threads: 1, cpu: null, rssKb: null, ...over };
}

export function parentOf(over: Partial<Parent> & Pick<Parent, "pid" | "comm">): Parent {
  return {
    ...proc({ ppid: 1, ...over }),
    zombieCount: 3,
    zombiePids: [],
    ancestry: [
      { pid: 1, comm: "tini" },
      { pid: over.pid, comm: over.comm },
    ],
    pstree: null,
    ...over,
  };
}
