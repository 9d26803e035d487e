import { describe, expect, it } from "vitest";
import { HandshakeGate } from "@/lib/server/ssh/handshake-gate";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("HandshakeGate", () => {
  it("lets at most N handshakes run to one host, any number to different hosts, and releases on failure", async () => {
    const gate = new HandshakeGate(3);
    const inFlight = new Map<string, number>();
    const most = new Map<string, number>();
    const handshake = (host: string, fail: boolean) => async () => {
      inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
      most.set(host, Math.max(most.get(host) ?? 0, inFlight.get(host)!));
      await sleep(10);
      inFlight.set(host, inFlight.get(host)! - 1);
      if (fail) throw new Error("Connection lost before handshake");
      return host;
    };
    let together = 0;
    let mostTogether = 0;
    const counted = (fn: () => Promise<string>) => async () => {
      together++;
      mostTogether = Math.max(mostTogether, together);
      try {
        return await fn();
      } finally {
        together--;
      }
    };
    const runs = [
      ...Array.from({ length: 20 }, (_, i) => gate.run("10.0.0.1", 22, counted(handshake("10.0.0.1:22", i % 4 === 0)))),
      ...Array.from({ length: 20 }, () => gate.run("10.0.0.2", 2222, counted(handshake("10.0.0.2:2222", false)))),
    ];
    const settled = await Promise.allSettled(runs);
    expect(settled.filter((s) => s.status === "rejected")).toHaveLength(5);
    expect(most.get("10.0.0.1:22")).toBe(3);
    expect(most.get("10.0.0.2:2222")).toBe(3);
    // Two hosts do not wait for each other.
    expect(mostTogether).toBe(6);
    // Nothing is left holding a slot: a new handshake starts at once.
    await expect(gate.run("10.0.0.1", 22, () => Promise.resolve("free"))).resolves.toBe("free");
  });
});
