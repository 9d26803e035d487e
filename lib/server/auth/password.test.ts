import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { decoyHash, hashPassword, passwordHashing, verifyPassword } from "@/lib/server/auth/password";
import { WorkLimiter } from "@/lib/server/auth/work-limiter";
import { isAppError } from "@/lib/shared/errors/app-error";

describe("password hashing under a flood", () => {
  it("never runs more scrypt hashes at once than its bound (one fewer than the cores, 1-2); the rest wait their turn and all finish right", async () => {
    const bound = passwordHashing.limits.running;
    expect(bound).toBe(Math.min(2, Math.max(1, availableParallelism() - 1)));
    await decoyHash;
    const stored = await hashPassword("right-password");
    const checks = Array.from({ length: 10 }, (_, i) => verifyPassword(i % 2 ? "right-password" : "wrong-password", stored));
    // Each check took its place synchronously: `bound` hashing, the rest in the queue.
    expect(passwordHashing.load).toMatchObject({ running: bound, waiting: 10 - bound });
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(passwordHashing.load.running), 5);
    const results = await Promise.all(checks);
    clearInterval(sampler);
    expect(results).toEqual(Array.from({ length: 10 }, (_, i) => i % 2 === 1));
    expect(Math.max(...samples)).toBeLessThanOrEqual(bound);
    expect(passwordHashing.load).toEqual({ running: 0, waiting: 0, peakRunning: bound });
  });
});

describe("WorkLimiter", () => {
  function gate() {
    let open = () => {};
    const opened = new Promise<void>((r) => (open = r));
    return { open, opened };
  }

  it("queues past its running bound, refuses past its queue bound, and hands slots over in order", async () => {
    const limiter = new WorkLimiter({ running: 1, waiting: 1 }, "busy: try again");
    const first = gate();
    const order: string[] = [];
    const a = limiter.run(async () => {
      await first.opened;
      order.push("a");
    });
    const b = limiter.run(async () => {
      order.push("b");
    });
    expect(limiter.load).toMatchObject({ running: 1, waiting: 1 });
    const refused = await limiter.run(async () => order.push("c")).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe("RATE_LIMITED");
    expect(isAppError(refused) && refused.message).toBe("busy: try again");
    first.open();
    await Promise.all([a, b]);
    expect(order).toEqual(["a", "b"]);
    expect(limiter.load).toEqual({ running: 0, waiting: 0, peakRunning: 1 });
  });

  it("frees the slot of work that failed", async () => {
    const limiter = new WorkLimiter({ running: 1, waiting: 0 }, "busy");
    await expect(limiter.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limiter.run(() => Promise.resolve(7))).resolves.toBe(7);
    expect(limiter.load.running).toBe(0);
  });
});
