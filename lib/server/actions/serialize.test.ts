import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withServerLock } from "@/lib/server/actions/serialize";
import { useFreshStore } from "@/tests/support/fresh-store";

// Runs in both projects: an in-process queue on SQLite, the same queue in front of a PostgreSQL
// advisory lock on PostgreSQL.
let store: Awaited<ReturnType<typeof useFreshStore>>;
beforeAll(async () => {
  store = await useFreshStore();
});
afterAll(() => store.close());

describe("withServerLock", () => {
  it("runs one server's work one at a time, in arrival order, and other servers' alongside", async () => {
    const log: string[] = [];
    // a1 holds server a until b1 has run: were b waiting for a, this would never finish.
    let bRan: () => void = () => undefined;
    const bFinished = new Promise<void>((r) => (bRan = r));
    const job = (server: string, name: string, body: () => Promise<void>) =>
      withServerLock(server, async () => {
        log.push(`${name}+`);
        await body();
        log.push(`${name}-`);
        return name;
      });
    const results = await Promise.all([job("a", "a1", () => bFinished), job("a", "a2", () => Promise.resolve()), job("b", "b1", async () => bRan())]);
    expect(results).toEqual(["a1", "a2", "b1"]);
    expect(log.indexOf("a1-")).toBeLessThan(log.indexOf("a2+"));
    expect(log.indexOf("b1+")).toBeLessThan(log.indexOf("a1-"));
  });

  it("a failure releases the lock for the next caller", async () => {
    await expect(withServerLock("c", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await withServerLock("c", async () => "next")).toBe("next");
  });
});
