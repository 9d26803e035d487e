import { describe, expect, it } from "vitest";
import { withServerLock } from "@/lib/server/actions/serialize";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("withServerLock", () => {
  it("runs one server's work one at a time, in arrival order, and other servers' alongside", async () => {
    const log: string[] = [];
    const job = (server: string, name: string, ms: number) =>
      withServerLock(server, async () => {
        log.push(`${name}+`);
        await tick(ms);
        log.push(`${name}-`);
        return name;
      });
    const results = await Promise.all([job("a", "a1", 30), job("a", "a2", 1), job("b", "b1", 5)]);
    expect(results).toEqual(["a1", "a2", "b1"]);
    expect(log.indexOf("a1-")).toBeLessThan(log.indexOf("a2+"));
    expect(log.indexOf("b1-")).toBeLessThan(log.indexOf("a1-"));
  });

  it("a failure releases the lock for the next caller", async () => {
    await expect(withServerLock("c", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await withServerLock("c", async () => "next")).toBe("next");
  });
});
