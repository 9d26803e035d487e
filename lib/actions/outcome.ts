// What the watched outcome means, in words, and the next step to offer. Pure.
import type { Counts, PollReport } from "@/lib/actions/parse-report";
import { SIGNAL_OF, type ActionKind, type NextStep } from "@/lib/actions/types";

export type OutcomeInput = {
  action: ActionKind;
  pid: number;
  comm: string;
  before: Counts;
  after: PollReport;
  /** false when the watch ended by deadline or error rather than by the outcome settling. */
  settled: boolean;
};

export type OutcomeWords = { message: string; next: NextStep; orphansLeft: number };

const zombies = (n: number): string => `${n} ${n === 1 ? "zombie" : "zombies"}`;
const remain = (n: number): string => `${zombies(n)} ${n === 1 ? "remains" : "remain"}`;

function words(i: OutcomeInput, orphansLeft: number): { message: string; next: NextStep } {
  const sig = `SIG${SIGNAL_OF[i.action]}`;
  const who = `${i.comm} (${i.pid})`;
  const b = i.before.zombies;
  const a = i.after.zombies;
  if (!i.after.alive) {
    if (orphansLeft > 0) {
      return {
        message: `${who} ended; its ${zombies(b)} passed to PID 1, which does not reap them (${orphansLeft} still there): restart the container or service.`,
        next: "restart",
      };
    }
    return { message: b === 0 ? `${who} ended after ${sig}.` : `${who} ended; its ${zombies(b)} passed to init and ${b === 1 ? "was" : "were"} reaped.`, next: null };
  }
  if (b === 0) return { message: `${sig} sent to ${who}; it had no zombie children left.`, next: null };
  if (a === 0) return { message: `${sig}: ${who} reaped all ${zombies(b)} and is still running.`, next: null };
  const reaped = Math.max(0, b - a);
  if (i.action === "reap") {
    const why = reaped === 0 ? "the parent ignores it" : "the parent collected only some";
    return { message: `SIGCHLD reaped ${reaped} of ${b}: ${why}. Next: terminate`, next: "terminate" };
  }
  if (i.action === "terminate") {
    return { message: `${who} is still running after SIGTERM (it catches or ignores it); ${remain(a)}. Next: kill`, next: "kill" };
  }
  return {
    message: `${who} is still running after SIGKILL: it is stuck in the kernel (state D) or traced; ${remain(a)}. Next: restart the server or its service`,
    next: "restart",
  };
}

export function describeOutcome(i: OutcomeInput): OutcomeWords {
  // The parent itself is excluded from the PID 1 count remotely; new zombies there are its former children.
  const orphansLeft = i.after.alive ? 0 : Math.max(0, i.after.initZombies - i.before.initZombies);
  const { message, next } = words(i, orphansLeft);
  const tail = i.settled ? "" : " (Reaper stopped watching before the outcome settled; scan again to see the final state.)";
  return { message: message + tail, next, orphansLeft };
}
