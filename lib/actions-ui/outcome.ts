// What an action's answer means and what to do next: "SIGCHLD reaped 0 of 7: the parent does not
// collect its children. Next: terminate."
import { visibleText } from "@/lib/format/visible-text";
import { formatCount } from "@/lib/format/numbers";
import type { ActionResult } from "@/lib/actions-ui/types";

export type OutcomeWords = { tone: "success" | "warning"; headline: string; next: string; suggest: "scan" | "terminate" | "kill" | "restart" };

function reapWords(r: ActionResult): OutcomeWords {
  const { zombies: before } = r.before;
  const { zombies: after } = r.after;
  const reaped = Math.max(0, before - after);
  if (before > 0 && after === 0) {
    return { tone: "success", headline: `SIGCHLD reaped all ${formatCount(before)}: the zombies are gone.`, next: "Next: scan again to confirm.", suggest: "scan" };
  }
  if (reaped > 0) {
    return {
      tone: "warning",
      headline: `SIGCHLD reaped ${formatCount(reaped)} of ${formatCount(before)}; ${formatCount(after)} left.`,
      next: "Next: reap again in a moment, or terminate the parent if they stay.",
      suggest: "terminate",
    };
  }
  return {
    tone: "warning",
    headline: `SIGCHLD reaped 0 of ${formatCount(before)}: the parent does not collect its children.`,
    next: "Next: terminate the parent (its zombies pass to init, which reaps them).",
    suggest: "terminate",
  };
}

function endWords(r: ActionResult): OutcomeWords {
  const name = `${visibleText(r.comm)} (${r.pid})`;
  const signal = r.action === "kill" ? "SIGKILL" : "SIGTERM";
  if (r.after.parentAlive) {
    return r.action === "kill"
      ? { tone: "warning", headline: `${name} is still alive after SIGKILL.`, next: "It may be stuck in the kernel (state D). Check the server by hand; a reboot may be needed.", suggest: "restart" }
      : { tone: "warning", headline: `${name} is still running after SIGTERM.`, next: "Next: kill it (SIGKILL), or restart its service.", suggest: "kill" };
  }
  const left = Math.max(r.after.zombies, r.orphansLeft ?? 0);
  if (left === 0) {
    return {
      tone: "success",
      headline: `${name} ended after ${signal}; its ${formatCount(r.before.zombies)} zombies are gone.`,
      next: "Next: scan again to confirm, and restart its service if it served anything.",
      suggest: "scan",
    };
  }
  return {
    tone: "warning",
    headline: `${name} ended, but ${formatCount(left)} of its zombies are left${r.orphansLeft ? " under PID 1" : ""}.`,
    next: "Init does not reap them: restart the container or service. Scan again to see where they are.",
    suggest: "restart",
  };
}

/** `mayEnd`: whether the viewer may terminate or kill (a customer may only reap, so support does it). */
export function outcomeWords(result: ActionResult, mayEnd = true): OutcomeWords {
  const words = result.action === "reap" ? reapWords(result) : endWords(result);
  if (!mayEnd && (words.suggest === "terminate" || words.suggest === "kill")) {
    return { ...words, next: `Next: ask support to ${words.suggest} the parent, or restart its service.` };
  }
  return words;
}

/** Small print about the answer itself: an outcome still moving, or a repeat that sent nothing. */
export function outcomeCaveats(result: ActionResult): string[] {
  const notes: string[] = [];
  if (result.replayed) notes.push("This repeats an identical action that had just finished: no second signal was sent.");
  if (result.settled === false) notes.push("The numbers were still changing when Reaper stopped watching: scan again for the final state.");
  return notes;
}
