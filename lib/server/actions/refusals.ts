// The server's answers that are not "sent", as the contract's errors. Pure apart from AppError.
import { AppError } from "@/lib/shared/errors/app-error";
import { PID1_MESSAGE } from "@/lib/shared/actions/policy";
import type { SignalReport } from "@/lib/server/actions/parse-report";

export type RefusalContext = { pid: number; startTime: number; username: string; protectedNames: readonly string[] };

export function refusalOf(report: SignalReport, ctx: RefusalContext): AppError | null {
  const who = report.comm === null ? `PID ${ctx.pid}` : `${report.comm} (${ctx.pid})`;
  switch (report.result) {
    case "sent":
      return null;
    case "gone":
      return new AppError("PROCESS_CHANGED", `PID ${ctx.pid} is no longer running: the process from the scan has ended. Nothing was signalled; scan again.`);
    case "changed":
      return new AppError(
        "PROCESS_CHANGED",
        `PID ${ctx.pid} is now a different process (${report.comm ?? "unknown"}, start time ${report.actualStartTime ?? "unknown"}, not ${ctx.startTime}): the one from the scan ended and its PID was reused. Nothing was signalled; scan again.`,
      );
    case "protected":
      switch (report.reason) {
        case "init":
          return new AppError("PROTECTED_PROCESS", PID1_MESSAGE);
        case "kernel":
          return new AppError("PROTECTED_PROCESS", `${who} is a kernel thread; Reaper never signals those.`);
        case "session":
          return new AppError("PROTECTED_PROCESS", `${who} is part of Reaper's own SSH session on this server; signalling it would cut the dashboard off. Nothing was sent.`);
        case "name":
          return new AppError(
            "PROTECTED_PROCESS",
            `${who} is on the protected list (${ctx.protectedNames.join(", ")}); Reaper does not signal it. Restart its service instead if it must go.`,
          );
      }
      break;
    case "eperm": {
      const owner = report.owner.name ?? (report.owner.uid === null ? "another user" : `uid ${report.owner.uid}`);
      return new AppError(
        "PERMISSION_DENIED",
        `The server refused the signal: ${who} belongs to ${owner}, and the SSH user ${ctx.username} may not signal it. Use an account that may (${owner} or root), or one with passwordless sudo and useSudo on.`,
        { owner },
      );
    }
    case "sudo-failed":
      return new AppError(
        "PERMISSION_DENIED",
        `sudo refused to run kill for ${ctx.username}${report.error ? ` ("${report.error}")` : ""}. useSudo needs passwordless sudo (NOPASSWD) for kill; fix sudoers or turn useSudo off. Nothing was sent.`,
        { via: "sudo" },
      );
    case "failed":
      return new AppError("COMMAND_FAILED", `kill failed on the server${report.error ? ` (${report.error})` : ""}. Nothing is known to have been sent; scan again.`, { command: "kill" });
  }
  return new AppError("COMMAND_FAILED", "The signal command gave an answer Reaper does not know.", { command: "kill" });
}
