import { describe, expect, it } from "vitest";
import { freezeSnapshot, SNAPSHOT_LIVE_CHILDREN, SNAPSHOT_ZOMBIES_PER_PARENT } from "@/lib/server/snapshots/freeze";
import { scanToShare } from "@/tests/support/snapshot-builders";

const actions = [
  {
    at: "2026-12-02T14:05:00.000Z",
    result: "done" as const,
    message: "SIGCHLD sent to php-fpm (100)",
    detail: { action: "reap", pid: 100, comm: "php-fpm", answer: { before: { zombies: 25 }, after: { zombies: 25, parentAlive: true } } },
  },
  { at: "2026-12-02T14:04:00.000Z", result: "refused" as const, message: "confirm is missing: type the PID", detail: { action: "terminate", pid: 100, comm: "php-fpm" } },
];

describe("freezing a scan into a snapshot", () => {
  const body = freezeSnapshot({ scan: scanToShare(), serverName: "shop-web-1", ticket: "ZD-4711", actions });

  it("redacts every command line and counts the ones it changed", () => {
    expect(body.processes.find((p) => p.pid === 400)?.args).toBe("mysqldump -uroot -p[redacted] shop");
    expect(JSON.stringify(body)).not.toContain("S3cret");
    expect(body.redactedLines).toBe(1);
  });

  it("groups zombies by parent, capped, with the parent's ancestry and live children", () => {
    const [parent] = body.parents;
    expect(parent).toMatchObject({ pid: 100, comm: "php-fpm", zombieCount: 25, liveChildCount: 12 });
    expect(parent?.zombies).toHaveLength(SNAPSHOT_ZOMBIES_PER_PARENT);
    expect(parent?.liveChildren).toHaveLength(SNAPSHOT_LIVE_CHILDREN);
    expect(parent?.ancestry.map((s) => s.comm)).toEqual(["tini", "php-fpm"]);
  });

  it("keeps the actions oldest first with their outcomes", () => {
    expect(body.actions.map((a) => [a.action, a.result, a.means])).toEqual([
      ["terminate", "refused", "SIGTERM"],
      ["reap", "done", "SIGCHLD"],
    ]);
    expect(body.actions[1]).toMatchObject({ before: { zombies: 25 }, after: { zombies: 25, parentAlive: true } });
    expect(body.actions[0]).toMatchObject({ before: null, after: null });
  });

  it("says what the scan found, and keeps no address or account", () => {
    expect(body.verdict).toEqual({ text: "25 zombie processes found.", level: "warn" });
    expect(body).toMatchObject({ serverName: "shop-web-1", ticket: "ZD-4711", scannedAt: "2026-12-02T14:02:00.000Z" });
    expect(Object.keys(body)).not.toContain("host");
    expect(Object.keys(body)).not.toContain("serverId");
  });
});
