import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { OUTCOME_UNKNOWN, outcomeUnknown } from "@/lib/server/ssh/exec";

// An action command that reached the server and then lost its answer (connection cut, sshd killed
// or frozen, remote timeout, unreadable output) may have sent its signal or not. The caller and the
// audit log must hear exactly that: never "done", never "nothing was sent".

const scanAgain = (what: string): string => `Whether ${what} is unknown: scan again before trying again.`;

/** Rewords a failure after the command started; any other error passes unchanged. */
export function asUnknownOutcome(e: unknown, what: string): unknown {
  if (!outcomeUnknown(e)) return e;
  const err = e as AppError;
  return new AppError(err.code, `${err.message} ${scanAgain(what)}`, { ...err.details, ...OUTCOME_UNKNOWN });
}

/** The command ran but printed no result the parser knows. */
export function unreadableReport(problem: string, what: string, command: string): AppError {
  return new AppError("COMMAND_FAILED", `${problem}. ${scanAgain(what)}`, { command, ...OUTCOME_UNKNOWN });
}
