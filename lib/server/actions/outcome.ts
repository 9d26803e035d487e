// What the watched outcome means, in words, and the next step to offer: the only place these
// sentences are written (pages show the answer's message). Pure.
import type { Counts, PollReport } from "@/lib/server/actions/parse-report";
import { ACTION_KINDS, signalOf, type ActionKind, type NextStep, type SignalAction } from "@/lib/shared/actions/types";

export type OutcomeInput = {
  action: SignalAction;
  pid: number;
  comm: string;
  before: Counts;
  after: PollReport;
  /** false when the watch ended by deadline or error rather than by the outcome settling. */
  settled: boolean;
  /** What the caller's role may send: a next step it may not take is phrased as "ask support". */
  allowed?: readonly ActionKind[];
};

export type OutcomeWords = { message: string; next: NextStep; orphansLeft: number };

export const zombies = (n: number): string => `${n} ${n === 1 ? "zombie" : "zombies"}`;
export const remain = (n: number): string => `${zombies(n)} ${n === 1 ? "remains" : "remain"}`;

export type Said = { said: string; next: NextStep };

function words(i: OutcomeInput, orphansLeft: number): Said {
  const sig = signalOf(i.action);
  const who = `${i.comm} (${i.pid})`;
  const b = i.before.zombies;
  const a = i.after.zombies;
  if (!i.after.alive) {
    if (orphansLeft > 0) {
      return {
        said: `${who} ended; its ${zombies(b)} passed to PID 1, which does not reap them (${orphansLeft} still there): restart the container or service.`,
        next: "restart",
      };
    }
    return { said: b === 0 ? `${who} ended after ${sig}.` : `${who} ended after ${sig}; its ${zombies(b)} passed to init and ${b === 1 ? "was" : "were"} reaped.`, next: null };
  }
  if (b === 0) return { said: `${sig} sent to ${who}; it had no zombie children left.`, next: null };
  if (a === 0) return { said: `${sig}: ${who} reaped all ${zombies(b)} and is still running.`, next: null };
  const reaped = Math.max(0, b - a);
  if (i.action === "reap") {
    const why = reaped === 0 ? "the parent ignores it" : "the parent collected only some";
    return { said: `SIGCHLD reaped ${reaped} of ${b}: ${why}.`, next: "terminate" };
  }
  if (i.action === "terminate") {
    return { said: `${who} is still running after SIGTERM (it catches or ignores it); ${remain(a)}.`, next: "kill" };
  }
  return {
    said: `${who} is still running after SIGKILL: it is stuck in the kernel (state D) or traced; ${remain(a)}. Next: restart the server or its service`,
    next: "restart",
  };
}

/** The stronger signal to try next, or, when the caller's role may not send it, whom to ask. */
export function nextStep({ said, next }: Said, allowed: readonly ActionKind[]): { message: string; next: NextStep } {
  if (next !== "terminate" && next !== "kill") return { message: said, next };
  if (allowed.includes(next)) return { message: `${said} Next: ${next}`, next };
  return { message: `${said} Next: ask support to ${next} it, or restart its service.`, next: "support" };
}

export const unsettledTail = (settled: boolean): string => (settled ? "" : " (Reaper stopped watching before the outcome settled; scan again to see the final state.)");

export function describeOutcome(i: OutcomeInput): OutcomeWords {
  // The parent itself is excluded from the PID 1 count remotely; new zombies there are its former children.
  const orphansLeft = i.after.alive ? 0 : Math.max(0, i.after.initZombies - i.before.initZombies);
  const { message, next } = nextStep(words(i, orphansLeft), i.allowed ?? ACTION_KINDS);
  return { message: message + unsettledTail(i.settled), next, orphansLeft };
}
