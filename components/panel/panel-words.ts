// The customer panel's sentences: plain words, no jargon a customer would have to look up.
import type { Action } from "@/lib/shared/actions/types";
import { formatCount, plural } from "@/lib/shared/format/numbers";
import type { Level, PidGauge } from "@/lib/shared/triage/types";

/** "a few minutes", "about 3 hours", "about 2 days": how long a leak has been going. */
export function leakAge(seconds: number): string {
  const min = Math.round(seconds / 60);
  if (min < 5) return "a few minutes";
  if (min < 60) return `about ${min} minutes`;
  const h = Math.round(min / 60);
  if (h < 48) return h === 1 ? "about an hour" : `about ${h} hours`;
  return `about ${Math.round(h / 24)} days`;
}

export type Headroom = { level: Level; title: string; text: string };

/** How close the server is to running out of process IDs. */
export function pidHeadroom(gauge: PidGauge): Headroom {
  const share = Math.round(gauge.ratio * 100);
  const used = `${formatCount(gauge.inUse)} of ${formatCount(gauge.limit)} process IDs are in use (${share < 1 && gauge.inUse > 0 ? "under 1" : share}%)`;
  const held = gauge.zombies > 0 ? `, ${formatCount(gauge.zombies)} of them held by zombies` : "";
  switch (gauge.level) {
    case "critical":
      return { level: "critical", title: "Almost out of process IDs", text: `${used}${held}. When none are left, new programs cannot start and your sites show errors.` };
    case "warn":
      return { level: "warn", title: "Running low on process IDs", text: `${used}${held}. There is still room, but it is worth clearing the zombies now.` };
    default:
      return {
        level: "ok",
        title: "Plenty of process IDs left",
        text: gauge.zombies > 0 ? `${used}${held}. The zombies are not a danger yet, but they keep adding up until the program is fixed.` : `${used}.`,
      };
  }
}

/** What an action did, in a sentence that needs no PID or signal name. */
export function outcomeSummary(result: Action): string {
  const { before, after } = result;
  const cleared = Math.max(0, before.zombies - after.zombies);
  if (after.zombies === 0 && before.zombies > 0) {
    return after.parentAlive ? `All ${plural(before.zombies, "zombie")} are gone, and the program kept running.` : `All ${plural(before.zombies, "zombie")} are gone. The program stopped; it starts again if its service restarts it.`;
  }
  if (cleared > 0) return `${formatCount(cleared)} of ${plural(before.zombies, "zombie")} are gone; ${formatCount(after.zombies)} ${after.zombies === 1 ? "is" : "are"} still there.`;
  if (result.action === "reap") return "The program did not clean up when asked. The next step is to restart it.";
  return after.parentAlive
    ? "The program is still running and its zombies are still there. Ask your support contact to look at it."
    : `The program stopped, but ${plural(after.zombies, "zombie")} ${after.zombies === 1 ? "is" : "are"} still there. Ask your support contact to look at it.`;
}
