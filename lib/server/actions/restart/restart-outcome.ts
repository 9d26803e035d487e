// What a watched restart means, in words, and the next step to offer. Pure, like outcome.ts.
import type { Counts } from "@/lib/server/actions/parse-report";
import { nextStep, remain, unsettledTail, zombies, type OutcomeWords, type Said } from "@/lib/server/actions/outcome";
import type { RestartPollReport, UnitSnapshot } from "@/lib/server/actions/restart/restart-report";
import { ACTION_KINDS, type ActionKind } from "@/lib/shared/actions/types";

export type RestartOutcomeInput = {
  pid: number;
  comm: string;
  unit: string;
  before: Counts & { unit: UnitSnapshot };
  after: RestartPollReport;
  settled: boolean;
  /** systemctl said the start job failed. */
  startFailed: boolean;
  allowed?: readonly ActionKind[];
};

/** systemd's states that will not change on their own. */
const STEADY = new Set(["active", "failed", "inactive"]);

/** Done watching: the old parent settled and the unit is steady, active under a new main PID or not active at all. */
export function restartSettled(now: RestartPollReport, before: Counts & { unit: UnitSnapshot }, pid: number): boolean {
  const parentDone = now.alive ? now.zombies === 0 : now.initZombies <= before.initZombies;
  const state = now.unit.activeState;
  if (!parentDone || state === null || !STEADY.has(state)) return false;
  return state !== "active" || (now.unit.mainPid !== null && now.unit.mainPid !== pid && now.unit.mainPid !== before.unit.mainPid);
}

function words(i: RestartOutcomeInput, orphansLeft: number): Said {
  const who = `${i.comm} (${i.pid})`;
  const b = i.before.zombies;
  const state = i.after.unit.activeState ?? "unknown";
  const main = i.after.unit.mainPid;
  const ended = b === 0 ? `${who} ended` : `${who} ended and its ${zombies(b)} ${b === 1 ? "was" : "were"} reaped`;
  if (i.startFailed || state === "failed") {
    const gone = i.after.alive ? "" : ` ${ended}.`;
    return {
      said: `${i.unit} was stopped but did not start again (systemd reports it ${state === "failed" ? "failed" : state}): what it serves is down.${gone} Look at journalctl -u ${i.unit} on the server and start it once fixed.`,
      next: "restart",
    };
  }
  if (i.after.alive) {
    return {
      said: `${i.unit} restarted, but ${who} is still running: the unit's stop does not end it (it is not the unit's main process, or the unit's KillMode leaves it); ${remain(i.after.zombies)}.`,
      next: "terminate",
    };
  }
  if (orphansLeft > 0) {
    return {
      said: `${i.unit} restarted; ${who} ended and its ${zombies(b)} passed to PID 1, which does not reap them (${orphansLeft} still there): restart the container or server.`,
      next: "restart",
    };
  }
  if (state !== "active") {
    return { said: `${i.unit} restarted and ${who} ended, but systemd reports the unit ${state}: check it on the server (systemctl status ${i.unit}).`, next: "restart" };
  }
  return { said: `${i.unit} restarted: ${ended}; the unit is active again${main === null ? "" : ` with main PID ${main}`}.`, next: null };
}

export function describeRestart(i: RestartOutcomeInput): OutcomeWords {
  const orphansLeft = i.after.alive ? 0 : Math.max(0, i.after.initZombies - i.before.initZombies);
  const { message, next } = nextStep(words(i, orphansLeft), i.allowed ?? ACTION_KINDS);
  return { message: message + unsettledTail(i.settled), next, orphansLeft };
}
