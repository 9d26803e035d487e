import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { asUnknownOutcome, unreadableReport } from "@/lib/server/actions/unknown-outcome";
import { buildRestartCommand, buildRestartPollCommand, buildUnitInfoCommand, RESTART_TIMEOUT_SECONDS, type RestartCommandInput } from "@/lib/server/actions/restart/restart-command";
import { parseRestartPoll, parseRestartReport, parseUnitLook, type RestartPollReport, type RestartReport, type UnitLook } from "@/lib/server/actions/restart/restart-report";
import { log } from "@/lib/server/log";
import { runRemote } from "@/lib/server/ssh/remote";
import type { ExecResult, SshTarget } from "@/lib/server/ssh/types";

// The client waits a little longer than the remote side's own limit.
const POLL_TIMEOUT_MS = 15_000;

const exec = (target: SshTarget, command: string, label: string, timeoutMs: number, timedOut: string): Promise<ExecResult> =>
  runRemote(target, command, { label, timedOut, commandTimeoutMs: timeoutMs });

/** The one round trip that checks identity and the owning unit, then restarts it; `seen` has the host keys met. */
export async function sendRestart(target: SshTarget, input: RestartCommandInput): Promise<{ report: RestartReport; seen: ExecResult }> {
  const result = await exec(
    target,
    buildRestartCommand(input),
    "The restart command",
    (RESTART_TIMEOUT_SECONDS + 5) * 1000,
    `systemctl restart ${input.unit} did not finish within ${RESTART_TIMEOUT_SECONDS} s on the server; systemd may still be stopping or starting it. Scan again in a minute.`,
  ).catch((e: unknown) => {
    throw asUnknownOutcome(e, "the restart ran");
  });
  const parsed = parseRestartReport(result.stdout);
  if (!parsed.ok) {
    log.warn("restart.unparsable", { code: result.code, stderr: result.stderr.slice(0, 500) });
    throw unreadableReport(parsed.error, "the restart ran", "systemctl");
  }
  return { report: parsed.value, seen: result };
}

export async function pollRestart(target: SshTarget, pid: number, startTime: number, unit: string): Promise<RestartPollReport> {
  const result = await exec(target, buildRestartPollCommand(pid, startTime, unit), "The outcome check", POLL_TIMEOUT_MS, "The outcome check ran out of time on the server.");
  const parsed = parseRestartPoll(result.stdout);
  if (!parsed.ok) throw new AppError("COMMAND_FAILED", parsed.error, { command: "poll" });
  return parsed.value;
}

/** Read-only: the unit that owns a process, as the server reports it. */
export async function lookAtUnit(target: SshTarget, pid: number, startTime: number): Promise<{ look: UnitLook; seen: ExecResult }> {
  const result = await exec(target, buildUnitInfoCommand(pid, startTime), "The unit look", POLL_TIMEOUT_MS, "Reading the unit ran out of time on the server. Try again in a minute.");
  const parsed = parseUnitLook(result.stdout);
  if (!parsed.ok) {
    log.warn("unit.unparsable", { code: result.code, stderr: result.stderr.slice(0, 500) });
    throw new AppError("COMMAND_FAILED", `${parsed.error}. Try again.`, { command: "systemctl show" });
  }
  return { look: parsed.value, seen: result };
}
