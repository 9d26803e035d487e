import "server-only";
import type { Client, ClientChannel } from "ssh2";
import { AppError } from "@/lib/shared/errors/app-error";

export type RawResult = { stdout: string; stderr: string; code: number | null };

export type ExecLimits = {
  timeoutMs: number;
  maxBytes: number;
  label: string;
  /** Names the part of a multi-step command that was running when the cap was hit (from the stdout so far). */
  stepAt?: (stdoutSoFar: Buffer[]) => string | null;
};

/**
 * Every failure once the server accepted the command carries `outcome: "unknown"`: the command
 * may have run in part or in full, so whatever it was meant to change may have changed (an action
 * must not be recorded as "not sent"). Failures before that point mean nothing ran.
 */
export const OUTCOME_UNKNOWN = { outcome: "unknown" } as const;

export function outcomeUnknown(e: unknown): boolean {
  return e instanceof AppError && e.details?.outcome === "unknown";
}

type Exit = { exited: boolean; code: number | null };

/**
 * The exit listener goes on inside exec's callback: ssh2 may read the exit status from the same
 * packet batch that confirmed the channel (a fast command, a jump host) and emits it once, before
 * any awaiting code could listen.
 */
function openChannel(client: Client, command: string): Promise<{ channel: ClientChannel; exit: Exit }> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => {
      if (err) return reject(err);
      const exit: Exit = { exited: false, code: null };
      channel.on("exit", (code: number | null) => {
        exit.exited = true;
        exit.code = code;
      });
      resolve({ channel, exit });
    });
  });
}

/** A channel that closed without an exit status: its connection was lost mid-command. */
export function connectionLost(label: string): AppError {
  return new AppError("SSH_UNREACHABLE", `The connection was lost while ${lowerFirst(label)} ran; what it did is unknown. Try again.`, OUTCOME_UNKNOWN);
}

/** The client-side deadline passed after the command reached the server. */
export function commandTimedOut(label: string, timeoutMs: number): AppError {
  return new AppError("SSH_TIMEOUT", `${label} did not finish within ${timeoutMs} ms. The server may be overloaded or frozen; try again.`, OUTCOME_UNKNOWN);
}

/**
 * Runs one command with a client-side deadline and a byte cap: ssh2 has neither, and a
 * frozen server (SIGSTOP) gives no event at all and would hold the request forever. Chunks are kept in
 * arrays and joined once, because a big ps arrives in thousands of pieces. A channel that closes
 * without an exit status lost its connection (sshd killed, network cut): that is an error, never a
 * short but complete answer.
 */
export async function execCommand(client: Client, command: string, limits: ExecLimits): Promise<RawResult> {
  const started = Date.now();
  let openTimer: NodeJS.Timeout | undefined;
  const { channel, exit } = await Promise.race([
    openChannel(client, command),
    new Promise<never>((_, reject) => {
      // Nothing reached the server yet: the same words, without "outcome unknown".
      openTimer = setTimeout(() => reject(new AppError("SSH_TIMEOUT", commandTimedOut(limits.label, limits.timeoutMs).message)), limits.timeoutMs);
    }),
  ]).finally(() => clearTimeout(openTimer));
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    let settled = false;
    const finish = (e: AppError | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (e) {
        channel.close();
        // What was collected is dropped at once: a capped answer may be tens of megabytes.
        out.length = 0;
        err.length = 0;
        reject(e);
        return;
      }
      resolve({ stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), code: exit.code });
    };
    const timer = setTimeout(() => finish(commandTimedOut(limits.label, limits.timeoutMs)), Math.max(0, limits.timeoutMs - (Date.now() - started)));
    const overflow = (): AppError => {
      const step = limits.stepAt?.(out) ?? null;
      const what = step ? `${limits.label} (its ${step} step)` : limits.label;
      return new AppError(
        "COMMAND_FAILED",
        `${what} printed more than ${limits.maxBytes} bytes, Reaper's limit, and was stopped. Raise REAPER_SSH_MAX_OUTPUT_BYTES if this server is that large.`,
        { ...OUTCOME_UNKNOWN, ...(step && { step }) },
      );
    };
    const take = (sink: Buffer[]) => (chunk: Buffer) => {
      if (settled) return;
      bytes += chunk.length;
      if (bytes > limits.maxBytes) {
        finish(overflow());
        return;
      }
      sink.push(chunk);
    };
    channel.on("data", take(out));
    channel.stderr.on("data", take(err));
    channel.on("close", () => finish(exit.exited ? null : connectionLost(limits.label)));
    channel.on("error", (e: Error) => finish(new AppError("COMMAND_FAILED", `${limits.label} failed on the SSH channel (${e.message}).`, OUTCOME_UNKNOWN)));
  });
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
