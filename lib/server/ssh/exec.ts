import "server-only";
import type { Client, ClientChannel } from "ssh2";
import { AppError } from "@/lib/shared/errors/app-error";

export type RawResult = { stdout: string; stderr: string; code: number | null };

function openChannel(client: Client, command: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => (err ? reject(err) : resolve(channel)));
  });
}

/**
 * Runs one command with a client-side deadline and a byte cap: ssh2 has neither, and a
 * frozen server (SIGSTOP) gives no event at all and would hold the request forever. Chunks are kept in
 * arrays and joined once, because a big ps arrives in thousands of pieces.
 */
export async function execCommand(
  client: Client,
  command: string,
  limits: { timeoutMs: number; maxBytes: number; label: string },
): Promise<RawResult> {
  const timeout = () => new AppError("SSH_TIMEOUT", `${limits.label} did not finish within ${limits.timeoutMs} ms. The server may be overloaded; try again.`);
  const started = Date.now();
  let openTimer: NodeJS.Timeout | undefined;
  const channel = await Promise.race([
    openChannel(client, command),
    new Promise<never>((_, reject) => {
      openTimer = setTimeout(() => reject(timeout()), limits.timeoutMs);
    }),
  ]).finally(() => clearTimeout(openTimer));
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    let code: number | null = null;
    let settled = false;
    const finish = (e: AppError | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (e) {
        channel.close();
        reject(e);
        return;
      }
      resolve({ stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), code });
    };
    const timer = setTimeout(() => finish(timeout()), Math.max(0, limits.timeoutMs - (Date.now() - started)));
    const take = (sink: Buffer[]) => (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limits.maxBytes) {
        finish(new AppError("COMMAND_FAILED", `${limits.label} printed more than ${limits.maxBytes} bytes, Reaper's limit. Raise REAPER_SSH_MAX_OUTPUT_BYTES if this server is that large.`));
        return;
      }
      sink.push(chunk);
    };
    channel.on("data", take(out));
    channel.stderr.on("data", take(err));
    channel.on("exit", (exitCode: number | null) => {
      code = exitCode;
    });
    channel.on("close", () => finish(null));
    channel.on("error", (e: Error) => finish(new AppError("COMMAND_FAILED", `${limits.label} failed on the SSH channel (${e.message}).`)));
  });
}
