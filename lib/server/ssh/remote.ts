import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { env } from "@/lib/server/env";
import { REMOTE_TIMEOUT_EXIT } from "@/lib/server/remote/shell";
import { toSshError } from "@/lib/server/ssh/errors";
import { OUTCOME_UNKNOWN, type ExecLimits } from "@/lib/server/ssh/exec";
import { SshPool } from "@/lib/server/ssh/pool";
import type { ExecResult, SshTarget } from "@/lib/server/ssh/types";

// One pool per process; on globalThis so Next's dev reloads do not strand open connections.
const globalKey = Symbol.for("reaper.sshPool");
type WithPool = typeof globalThis & { [globalKey]?: SshPool };

export function sshPool(): SshPool {
  const g = globalThis as WithPool;
  g[globalKey] ??= new SshPool(env().REAPER_SSH_IDLE_MS, { handshakesPerHost: env().REAPER_SSH_HANDSHAKES_PER_HOST });
  return g[globalKey];
}

export type RemoteStep = {
  /** Names the command in errors: "The scan", "The signal command". */
  label: string;
  /** What to tell the caller when the remote `timeout` had to stop the command. */
  timedOut: string;
  /** The client-side limit; the configured command timeout when left out. */
  commandTimeoutMs?: number;
  /** For a command of several steps: which one was running when the output cap was hit. */
  stepAt?: ExecLimits["stepAt"];
  /** Connect, key exchange and login; the configured connect timeout when left out. */
  connectTimeoutMs?: number;
};

/**
 * Runs one fixed command on a server with the configured limits. Every failure is an AppError with
 * the contract's code: SSH trouble through the one mapping in ssh/errors, and the remote side's
 * own `timeout` (exit 124) as SSH_TIMEOUT.
 */
export async function runRemote(target: SshTarget, command: string, step: RemoteStep): Promise<ExecResult> {
  const e = env();
  const result = await sshPool()
    .run(target, command, {
      label: step.label,
      stepAt: step.stepAt,
      connectTimeoutMs: step.connectTimeoutMs ?? e.REAPER_SSH_CONNECT_TIMEOUT_MS,
      commandTimeoutMs: step.commandTimeoutMs ?? e.REAPER_SSH_COMMAND_TIMEOUT_MS,
      maxOutputBytes: e.REAPER_SSH_MAX_OUTPUT_BYTES,
    })
    .catch((error: unknown) => {
      throw toSshError(error, target);
    });
  if (result.code === REMOTE_TIMEOUT_EXIT) throw new AppError("SSH_TIMEOUT", step.timedOut, OUTCOME_UNKNOWN);
  return result;
}
