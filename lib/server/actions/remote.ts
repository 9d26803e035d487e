import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { asUnknownOutcome, unreadableReport } from "@/lib/server/actions/unknown-outcome";
import { buildPollCommand, buildSignalCommand, type SignalCommandInput } from "@/lib/server/actions/signal-command";
import { parsePollReport, parseSignalReport, type PollReport, type SignalReport } from "@/lib/server/actions/parse-report";
import { log } from "@/lib/server/log";
import { runRemote } from "@/lib/server/ssh/remote";
import type { ExecResult, SshTarget } from "@/lib/server/ssh/types";

// The remote side stops at 10 s (signal-command.ts); the client waits a little longer.
const CLIENT_TIMEOUT_MS = 15_000;

const exec = (target: SshTarget, command: string, label: string): Promise<ExecResult> =>
  runRemote(target, command, { label, timedOut: `${label} ran out of time on the server and was stopped there. Try again in a minute.`, commandTimeoutMs: CLIENT_TIMEOUT_MS });

/** The one round trip that checks identity and sends the signal; `seen` has the host keys met. */
export async function sendSignal(target: SshTarget, input: SignalCommandInput): Promise<{ report: SignalReport; seen: ExecResult }> {
  const result = await exec(target, buildSignalCommand(input), "The signal command").catch((e: unknown) => {
    throw asUnknownOutcome(e, "the signal was sent");
  });
  const parsed = parseSignalReport(result.stdout);
  if (!parsed.ok) {
    log.warn("action.unparsable", { code: result.code, stderr: result.stderr.slice(0, 500) });
    throw unreadableReport(parsed.error, "the signal was sent", "kill");
  }
  return { report: parsed.value, seen: result };
}

export async function pollOutcome(target: SshTarget, pid: number, startTime: number): Promise<PollReport> {
  const result = await exec(target, buildPollCommand(pid, startTime), "The outcome check");
  const parsed = parsePollReport(result.stdout);
  if (!parsed.ok) throw new AppError("COMMAND_FAILED", parsed.error, { command: "poll" });
  return parsed.value;
}
