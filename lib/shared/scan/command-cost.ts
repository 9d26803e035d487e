// When a server's account makes every command slow to start (a login shell reading heavy rc
// files), the scan page says so: Reaper's scans pay it once per connection, but every new
// connection, every exec Reaper cannot send through its shell, and every command typed by hand
// pay it again.
import { formatDuration } from "@/lib/shared/format/time";

/** From this much per command on, the page shows the hint. Login shells without rc work start in a few ms. */
export const SLOW_COMMAND_MS = 100;

export const RC_GUARD = "case $- in *i*) ;; *) return ;; esac";

/** The hint for a scan's measured cost per command, or null when there is nothing to say. */
export function commandCostHint(commandCostMs: number | null | undefined): string | null {
  if (commandCostMs === null || commandCostMs === undefined || commandCostMs < SLOW_COMMAND_MS) return null;
  return (
    `Every command on this server costs about ${formatDuration(commandCostMs)} before it starts: the account's login shell runs its rc files ` +
    `for each one (bash reads ~/.bashrc even for the commands sshd runs). Reaper's scans pay it once per connection; ` +
    `a new connection and every command typed by hand pay it again. To stop it, give the account /bin/sh as its shell, ` +
    `or put "${RC_GUARD}" as the first line of its ~/.bashrc (see "How a scan works" in Reaper's README).`
  );
}
