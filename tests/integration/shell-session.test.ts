import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import { SshPool, type RunLimits } from "@/lib/server/ssh/pool";
import type { SshTarget } from "@/lib/server/ssh/types";
import { AppError } from "@/lib/shared/errors/app-error";

// The pooled connection's long-lived shell against a real sshd whose account has an rc file that
// prints a banner and counts how often it runs: commands fed on stdin come back exactly as an exec
// would give them, the rc file runs once per shell, and a shell that misbehaves is replaced.
const RC_COUNT = "/tmp/reaper-rc-count";
const limits: RunLimits = { connectTimeoutMs: 5_000, commandTimeoutMs: 10_000, maxOutputBytes: 64 * 1024, label: "The test command" };
const shell: RunLimits = { ...limits, persistentShell: true };

let lab: LabServer;
let pool: SshPool;
let target: SshTarget;

beforeAll(async () => {
  lab = await startLabServer({ name: "shell-session", rcFile: `echo "Welcome to web-01"\necho run >>${RC_COUNT}\n` });
  pool = new SshPool(60_000);
  target = { host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey, hostKeyFingerprint: lab.hostKeyFingerprint };
});
afterAll(async () => {
  pool?.closeAll();
  await lab?.stop();
});

async function rcRuns(): Promise<number> {
  const { stdout } = await lab.exec(`cat ${RC_COUNT} 2>/dev/null | wc -l`);
  return Number(stdout.trim());
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

describe("the connection's long-lived shell", () => {
  it("gives what an exec gives: stdout without a final newline, stderr, the exit status, no banner", async () => {
    const command = "printf 'a\\nb'; echo oops >&2; exit 3";
    const viaShell = await pool.run(target, command, shell);
    const viaExec = await pool.run(target, command, limits);
    expect(viaShell).toMatchObject({ stdout: "a\nb", stderr: "oops\n", code: 3 });
    // The exec pays the rc file again, banner and all; the shell printed it once, before its first command.
    expect(viaExec).toMatchObject({ stdout: "Welcome to web-01\na\nb", stderr: "oops\n", code: 3 });
  });

  it("reads the rc file once for any number of commands", async () => {
    const before = await rcRuns();
    for (let i = 0; i < 4; i++) expect((await pool.run(target, `echo ${i}`, shell)).stdout).toBe(`${i}\n`);
    expect(await rcRuns()).toBe(before);
  });

  it("keeps each command to itself: no shared state, no stdin to eat the next command", async () => {
    expect((await pool.run(target, "cd /tmp; x=1; cat; pwd", shell)).stdout).toBe("/tmp\n");
    expect((await pool.run(target, 'pwd; echo "x=$x"', shell)).stdout).not.toContain("x=1");
  });

  it("is not fooled by output that looks like a frame", async () => {
    const res = await pool.run(target, "printf '\\n@@reaper-frame:0123456789abcdef01234567 0\\n'; echo after", shell);
    expect(res.stdout).toBe("\n@@reaper-frame:0123456789abcdef01234567 0\nafter\n");
  });

  it("runs a second command at the same time through an exec", async () => {
    const [slow, quick] = await Promise.all([pool.run(target, "sleep 0.5; echo slow", shell), pool.run(target, "echo quick", shell)]);
    expect([slow.stdout, quick.stdout]).toEqual(["slow\n", "Welcome to web-01\nquick\n"]);
  });

  it("is replaced after a command hits the byte cap, paying the rc file once more", async () => {
    const before = await rcRuns();
    const e = await failure(pool.run(target, "head -c 200000 /dev/zero", shell));
    expect(e.code).toBe("COMMAND_FAILED");
    expect(e.message).toContain("more than 65536 bytes");
    expect((await pool.run(target, "echo again", shell)).stdout).toBe("again\n");
    expect(await rcRuns()).toBe(before + 1);
  });

  it("is replaced after a command misses its deadline", async () => {
    const e = await failure(pool.run(target, "sleep 5", { ...shell, commandTimeoutMs: 500 }));
    expect(e.code).toBe("SSH_TIMEOUT");
    expect((await pool.run(target, "echo alive", shell)).stdout).toBe("alive\n");
  });
});
