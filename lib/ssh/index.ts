import "server-only";
import { env } from "@/lib/env";
import { SshPool } from "@/lib/ssh/pool";
import type { ExecResult, SshTarget } from "@/lib/ssh/types";

// One pool per process; on globalThis so Next's dev reloads do not strand open connections.
const globalKey = Symbol.for("reaper.sshPool");
type WithPool = typeof globalThis & { [globalKey]?: SshPool };

export function sshPool(): SshPool {
  const g = globalThis as WithPool;
  g[globalKey] ??= new SshPool(env().REAPER_SSH_IDLE_MS);
  return g[globalKey];
}

/** Runs one fixed command on a server with the configured limits. */
export function runRemote(target: SshTarget, command: string, label: string, commandTimeoutMs?: number): Promise<ExecResult> {
  const e = env();
  return sshPool().run(target, command, {
    label,
    connectTimeoutMs: e.REAPER_SSH_CONNECT_TIMEOUT_MS,
    commandTimeoutMs: commandTimeoutMs ?? e.REAPER_SSH_COMMAND_TIMEOUT_MS,
    maxOutputBytes: e.REAPER_SSH_MAX_OUTPUT_BYTES,
  });
}
