import { spawn, type StdioOptions } from "node:child_process";
import { constants } from "node:os";
import type { ExecResult } from "@/lab/types";

/** Lab processes get a small explicit environment, never Node's own. */
export type Env = Record<string, string>;

export type RunOptions = { cwd?: string; env?: Env; input?: string };

// Next's types make NODE_ENV a required key of ProcessEnv; children of the lab do not need it.
export const asProcessEnv = (env: Env | undefined): NodeJS.ProcessEnv | undefined => env as NodeJS.ProcessEnv | undefined;

/** Runs a program (no shell) and collects its output; a signal death is reported as 128 + signal number. */
export function run(file: string, args: readonly string[], opts: RunOptions = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const stdin = opts.input === undefined ? "ignore" : "pipe";
    const child = spawn(file, args, { cwd: opts.cwd, env: asProcessEnv(opts.env), stdio: [stdin, "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      resolve({
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        code: code ?? 128 + (signal ? constants.signals[signal] : 0),
      });
    });
    if (child.stdin) {
      // A program that exits without reading its input gives EPIPE; its exit code tells what happened.
      child.stdin.on("error", () => undefined);
      child.stdin.end(opts.input);
    }
  });
}

/** Like run, but fails unless the program exits 0; returns its stdout. */
export async function runOk(file: string, args: readonly string[], opts: RunOptions = {}): Promise<string> {
  const result = await run(file, args, opts);
  if (result.code !== 0) {
    throw new Error(`${file} ${args.join(" ")} exited ${result.code}: ${result.stderr.trim()}`);
  }
  return result.stdout;
}

/**
 * Runs a program whose descendants outlive it (they inherit stderr, so no pipes that would
 * never close): stdin/stdout are /dev/null, stderr is the given file descriptor. Resolves the exit code.
 */
export function runDetached(file: string, args: readonly string[], env: Env, stderrFd: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const stdio: StdioOptions = ["ignore", "ignore", stderrFd];
    const child = spawn(file, args, { env: asProcessEnv(env), stdio });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value other than undefined, or fails with `describe()` after timeoutMs. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number, describe: () => Promise<string>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(await describe());
    await sleep(delay);
  }
}
