import { afterAll, describe, expect, it } from "vitest";
import { fleetScenario, startLabFleet, type LabFleet } from "@/lab";
import { existsSync } from "node:fs";
import net from "node:net";
import { sshExec, withSsh } from "@/tests/lab/ssh-client";

// Many lab servers at once (the fleet tests, bench:fleet and the bigger demo use the same code).
// Twelve here, to keep the suite quick on a shared machine; bench:fleet starts a hundred.
const COUNT = 12;
let fleet: LabFleet | undefined;

afterAll(async () => {
  await fleet?.stop();
});

describe("startLabFleet", () => {
  it("starts each server with its own sshd, port and PID namespace, with the fleet's zombies", async () => {
    fleet = await startLabFleet(COUNT, { prefix: "t-fleet", concurrency: 4 });
    const { servers } = fleet;
    expect(servers.map((s) => s.name)).toEqual(Array.from({ length: COUNT }, (_, i) => `t-fleet-${String(i + 1).padStart(3, "0")}`));
    expect(new Set(servers.map((s) => s.port)).size).toBe(COUNT);
    expect(new Set(servers.map((s) => s.initPid)).size).toBe(COUNT);
    expect(new Set(servers.map((s) => s.hostKeyFingerprint)).size).toBe(COUNT);
    // Every tenth leaks: at risk by the default thresholds.
    expect(servers[9]!.expected.zombies).toBeGreaterThan(100);
    for (const [i, s] of servers.entries()) {
      expect(s.expected.zombies).toBe((fleetScenario(i).parents ?? []).reduce((n, p) => n + p.zombies, 0));
      const zombies = await withSsh(s.port, s.hostKeyFingerprint, { username: s.username, privateKey: s.privateKey }, async (c) =>
        Number((await sshExec(c, "ps -A -o stat= | grep -c '^Z' || true")).stdout.trim()),
      );
      expect(zombies, s.name).toBe(s.expected.zombies);
    }
  }, 240_000);

  it("stops them all: every namespace's init is gone and every port refuses", async () => {
    const servers = fleet!.servers;
    await fleet!.stop();
    fleet = undefined;
    const refused = (port: number) =>
      new Promise<boolean>((resolve) => {
        const sock = net.connect(port, "127.0.0.1");
        sock.once("connect", () => (sock.destroy(), resolve(false)));
        sock.once("error", () => resolve(true));
      });
    for (const s of servers) {
      expect(existsSync(`/proc/${s.initPid}`), s.name).toBe(false);
      expect(await refused(s.port), s.name).toBe(true);
    }
  }, 120_000);
});
