// The words the action UI uses: what a signal will do, and the SIGCHLD prediction. Pure strings;
// process names go through visibleText so an invisible character cannot hide in a sentence.
import { visibleText } from "@/lib/format/visible-text";
import { plural } from "@/lib/format/numbers";
import type { ActionKind } from "@/lib/actions-ui/types";
import type { Parent, SigchldDisposition } from "@/lib/procs/types";

export function processLabel(p: { comm: string; pid: number }): string {
  return `${visibleText(p.comm)} (${p.pid})`;
}

/** "init (tini, PID 1)" from the ancestry's first step when it is PID 1; else "init (PID 1)". */
function initLabel(parent: Parent): string {
  const first = parent.ancestry[0];
  return first && first.pid === 1 && first.pid !== parent.pid ? `init (${visibleText(first.comm)}, PID 1)` : "init (PID 1)";
}

/**
 * "httpd (1234) will stop; the sites it serves are down until it is restarted; its 87 zombies pass
 * to init (tini, PID 1)". Reap changes nothing but the parent's chance to collect its children.
 */
export function whatWillHappen(action: ActionKind, parent: Parent, webMaster: boolean): string {
  const name = processLabel(parent);
  if (action === "reap") return `${name} is asked to collect its ${plural(parent.zombieCount, "zombie")} (SIGCHLD); nothing stops.`;
  const stop = action === "kill" ? `${name} will be killed at once, with no chance to clean up` : `${name} will stop`;
  const impact = webMaster ? "the sites it serves are down until it is restarted" : "whatever it does stops until it is restarted";
  return `${stop}; ${impact}; its ${plural(parent.zombieCount, "zombie")} pass to ${initLabel(parent)}.`;
}

export type Tone = "good" | "bad" | "unsure";

const SIGCHLD_HINTS: Record<SigchldDisposition, { text: string; tone: Tone }> = {
  caught: { text: "Catches SIGCHLD: reaping is likely to work.", tone: "good" },
  default: { text: "Leaves SIGCHLD at default: reaping cannot work; the parent must end.", tone: "bad" },
  ignored: { text: "Ignores SIGCHLD: a signal will not make it reap; the parent must end.", tone: "bad" },
  blocked: { text: "Blocks SIGCHLD: the signal waits until it unblocks; reaping is unlikely now.", tone: "unsure" },
};

/** The prediction next to Reap, when the scan read the parent's signal masks. */
export function sigchldHint(disposition: SigchldDisposition | null | undefined): { text: string; tone: Tone } | null {
  return disposition ? SIGCHLD_HINTS[disposition] : null;
}

/** 95 → "2 min", 7200 → "2 h", 200000 → "2 days": how long the oldest zombie has waited. */
export function formatAge(seconds: number): string {
  if (seconds < 90) return `${Math.max(0, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}
