// The words the action UI uses: what a signal will do to a parent. Pure strings;
// process names go through visibleText so an invisible character cannot hide in a sentence.
import { visibleText } from "@/lib/shared/format/visible-text";
import { plural } from "@/lib/shared/format/numbers";
import type { ActionKind } from "@/lib/shared/actions/types";
import type { Parent } from "@/lib/shared/scan/types";

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

/** "php-fpm.service stops (every process in it, php-fpm (1234) included) and starts again; ...". */
export function whatRestartDoes(unit: string, parent: Parent, webMaster: boolean): string {
  const down = webMaster ? "the sites it serves are down until it is back" : "what it runs is down until it is back";
  return `${visibleText(unit)} stops (every process in it, ${processLabel(parent)} included) and starts again; ${down}; its ${plural(parent.zombieCount, "zombie")} pass to ${initLabel(parent)}.`;
}
