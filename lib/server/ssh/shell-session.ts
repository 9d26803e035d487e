import "server-only";
import { randomBytes } from "node:crypto";
import type { Client, ClientChannel } from "ssh2";
import { AppError } from "@/lib/shared/errors/app-error";
import { commandTimedOut, connectionLost, OUTCOME_UNKNOWN, type ExecLimits, type RawResult } from "@/lib/server/ssh/exec";

// sshd runs every exec through the account's shell, which reads its rc files each time (Debian's
// bash reads ~/.bashrc even for `bash -c`): on customer servers that is often hundreds of
// milliseconds per command. One long-lived `sh` per pooled connection pays it once; commands are fed
// on its stdin, each in a subshell with stdin from /dev/null, and framed by a random marker printed
// after it on stdout (with its exit status) and on stderr. The same client-side deadline and byte
// cap hold as for an exec; a session that misses either, or whose channel ends, is closed for good
// (the pool opens another one next time).

/** What the long-lived channel runs: the account's shell (rc files, once) replaced by a plain sh. */
const SESSION_COMMAND = "exec sh";

/** The shell's own start out of the open's two timings (see open): what no network explains. */
function commandCost(confirmedMs: number, answeredMs: number): number {
  return Math.max(0, Math.round(answeredMs - confirmedMs / 2));
}

const nonce = (): string => `@@reaper-frame:${randomBytes(12).toString("hex")}`;

/** The bytes at the end of `chunks`, at most `n` of them, without joining everything. */
function tailOf(chunks: readonly Buffer[], n: number): string {
  const parts: Buffer[] = [];
  let have = 0;
  for (let i = chunks.length - 1; i >= 0 && have < n; i--) {
    const chunk = chunks[i] as Buffer;
    parts.unshift(chunk);
    have += chunk.length;
  }
  const joined = Buffer.concat(parts);
  return joined.subarray(Math.max(0, joined.length - n)).toString("latin1");
}

type Pending = {
  mark: string;
  out: Buffer[];
  err: Buffer[];
  bytes: number;
  /** Set once stdout ended with the frame: the exit status, and the frame's length to cut. */
  code: number | null;
  outFrame: number;
  errFrame: number;
  limits: ExecLimits;
  resolve: (r: RawResult) => void;
  reject: (e: AppError) => void;
  timer: NodeJS.Timeout;
};

export class ShellSession {
  private pending: Pending | null = null;
  private closed = false;
  /**
   * What every command sent as an exec costs on this account before it starts, beyond the network:
   * the login shell and its rc files, measured when this shell opened. null until then.
   */
  commandCostMs: number | null = null;

  private constructor(private readonly channel: ClientChannel) {
    channel.on("data", (chunk: Buffer) => this.take(chunk, "out"));
    channel.stderr.on("data", (chunk: Buffer) => this.take(chunk, "err"));
    channel.on("close", () => this.fail(connectionLost(this.pending?.limits.label ?? "the command")));
  }

  /**
   * Opens the shell and waits until it answers (rc files done, their output dropped). Resolves
   * null when it cannot be had in time: the caller keeps to one exec per command.
   */
  static async open(client: Client, timeoutMs: number): Promise<ShellSession | null> {
    const t0 = performance.now();
    const channel = await new Promise<ClientChannel | null>((resolve) => {
      client.exec(SESSION_COMMAND, (err, ch) => resolve(err ? null : ch));
    });
    if (!channel) return null;
    const started = performance.now();
    const session = new ShellSession(channel);
    // A first empty command: whatever the rc files printed ends up in its output, thrown away.
    const ready = await session.run(":", { timeoutMs, maxBytes: 1 << 20, label: "Opening a shell" }).catch(() => null);
    if (ready?.code === 0) {
      // sshd had the shell started when it confirmed the exec (two round trips: channel, request);
      // the answer to ":" then took the shell's start, rc files included, and one more round trip.
      session.commandCostMs = commandCost(started - t0, performance.now() - started);
      return session;
    }
    session.close();
    return null;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get usable(): boolean {
    return !this.closed && this.pending === null;
  }

  run(command: string, limits: ExecLimits): Promise<RawResult> {
    if (!this.usable) return Promise.reject(new Error("internal: the shell session is busy or closed"));
    const mark = nonce();
    return new Promise<RawResult>((resolve, reject) => {
      const timer = setTimeout(
        () => this.fail(commandTimedOut(limits.label, limits.timeoutMs)),
        limits.timeoutMs,
      );
      this.pending = { mark, out: [], err: [], bytes: 0, code: null, outFrame: 0, errFrame: 0, limits, resolve, reject, timer };
      // The frame lines start with a newline of their own, so output without a final newline
      // cannot hide them; that newline is cut off again with the frame.
      this.channel.write(`(\n${command}\n) </dev/null; printf "\\n%s %s\\n" ${mark} $?; printf "\\n%s\\n" ${mark} >&2\n`);
    });
  }

  close(): void {
    this.closed = true;
    this.channel.close();
  }

  private take(chunk: Buffer, stream: "out" | "err"): void {
    const p = this.pending;
    if (!p) return;
    p.bytes += chunk.length;
    if (p.bytes > p.limits.maxBytes) {
      this.fail(this.overflow(p));
      return;
    }
    const sink = stream === "out" ? p.out : p.err;
    sink.push(chunk);
    const tail = tailOf(sink, p.mark.length + 16);
    if (stream === "out") {
      const frame = new RegExp(`\\n${p.mark} (\\d+)\\n$`).exec(tail);
      if (frame) {
        p.code = Number(frame[1]);
        p.outFrame = Buffer.byteLength(frame[0]);
      }
    } else if (tail.endsWith(`\n${p.mark}\n`)) {
      p.errFrame = p.mark.length + 2;
    }
    if (p.outFrame > 0 && p.errFrame > 0) this.settle(p);
  }

  private settle(p: Pending): void {
    clearTimeout(p.timer);
    this.pending = null;
    const cut = (chunks: Buffer[], frame: number) => {
      const all = Buffer.concat(chunks);
      return all.subarray(0, all.length - frame).toString("utf8");
    };
    p.resolve({ stdout: cut(p.out, p.outFrame), stderr: cut(p.err, p.errFrame), code: p.code });
  }

  private overflow(p: Pending): AppError {
    const step = p.limits.stepAt?.(p.out) ?? null;
    const what = step ? `${p.limits.label} (its ${step} step)` : p.limits.label;
    return new AppError(
      "COMMAND_FAILED",
      `${what} printed more than ${p.limits.maxBytes} bytes, Reaper's limit, and was stopped. Raise REAPER_SSH_MAX_OUTPUT_BYTES if this server is that large.`,
      { ...OUTCOME_UNKNOWN, ...(step && { step }) },
    );
  }

  /** The running command fails and the session ends: its shell may still be busy with it. */
  private fail(e: AppError): void {
    const p = this.pending;
    this.pending = null;
    if (!this.closed) this.close();
    if (!p) return;
    clearTimeout(p.timer);
    // What was collected is dropped at once: a capped answer may be tens of megabytes.
    p.out.length = 0;
    p.err.length = 0;
    p.reject(e);
  }
}
