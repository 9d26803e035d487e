import "server-only";
import type { Client, ClientChannel } from "ssh2";
import { AppError, type ErrorCode } from "@/lib/shared/errors/app-error";

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

function openChannel(client: Client, command: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => (err ? reject(err) : resolve(channel)));
  });
}

/**
 * Runs one command with a client-side deadline and a byte cap: ssh2 has neither, and a
 * frozen server (SIGSTOP) gives no event at all and would hold the request forever. Chunks are kept in
 * arrays and joined once, because a big ps arrives in thousands of pieces. A channel that closes
 * without an exit status lost its connection (sshd killed, network cut): that is an error, never a
 * short but complete answer.
 */
export async function execCommand(client: Client, command: string, limits: ExecLimits): Promise<RawResult> {
  const timeout = (code: ErrorCode, started: boolean) =>
    new AppError(code, `${limits.label} did not finish within ${limits.timeoutMs} ms. The server may be overloaded or frozen; try again.`, started ? OUTCOME_UNKNOWN : undefined);
  const started = Date.now();
  let openTimer: NodeJS.Timeout | undefined;
  const channel = await Promise.race([
    openChannel(client, command),
    new Promise<never>((_, reject) => {
      openTimer = setTimeout(() => reject(timeout("SSH_TIMEOUT", false)), limits.timeoutMs);
    }),
  ]).finally(() => clearTimeout(openTimer));
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    let code: number | null = null;
    let exited = false;
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
      resolve({ stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), code });
    };
    const timer = setTimeout(() => finish(timeout("SSH_TIMEOUT", true)), Math.max(0, limits.timeoutMs - (Date.now() - started)));
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
    channel.on("exit", (exitCode: number | null) => {
      exited = true;
      code = exitCode;
    });
    channel.on("close", () =>
      finish(
        exited
          ? null
          : new AppError("SSH_UNREACHABLE", `The connection was lost while ${lowerFirst(limits.label)} ran; what it did is unknown. Try again.`, OUTCOME_UNKNOWN),
      ),
    );
    channel.on("error", (e: Error) => finish(new AppError("COMMAND_FAILED", `${limits.label} failed on the SSH channel (${e.message}).`, OUTCOME_UNKNOWN)));
  });
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
