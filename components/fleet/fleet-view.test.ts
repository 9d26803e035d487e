import { describe, expect, it } from "vitest";
import { filterFleet, sortFleet, withResult } from "@/components/fleet/fleet-view";
import type { FleetRow, FleetSummary } from "@/lib/shared/fleet/types";

const summary = (over: Partial<FleetSummary> = {}): FleetSummary => ({
  processes: 100, zombies: 0, pidsInUse: 120, pidMax: 32768, loadAvg: [0.2, 0.2, 0.2], pidLimit: 32768, pidRatio: 120 / 32768,
  pidLevel: "ok", loadPerCpu: 0.1, loadLevel: "ok", cause: "none", verdict: "No process-level cause found.", oldestZombieAgeSeconds: null, ...over,
});

function row(name: string, over: Partial<FleetRow> = {}, s: Partial<FleetSummary> | null = {}): FleetRow {
  return {
    server: { id: `srv_${name}`, name, host: `${name}.example.net`, port: 22, username: "root", authType: "key", hostKeyFingerprint: null, accountId: null, useSudo: false, jumpServerId: null, scanIntervalMinutes: null, createdAt: "2026-01-01T00:00:00.000Z", lastScan: null },
    lastScan: s === null ? null : { id: `scn_${name}`, startedAt: "2026-01-01T00:00:00.000Z", summary: summary(s) },
    reachability: s === null ? null : { lastAttemptAt: "2026-01-01T00:00:00.000Z", ok: true, error: null, failuresInRow: 0 },
    risk: s === null ? "unknown" : "healthy",
    reasons: [],
    ...over,
  };
}

const rows = [
  row("web-1", { risk: "at-risk", reasons: ["150 zombies, more than the 100 allowed"], server: { ...row("web-1").server, accountId: "acc_a" } }, { zombies: 150, pidRatio: 0.4 }),
  row("db-1", { risk: "failing", reasons: ["The last scan failed (SSH_TIMEOUT): ..."] }, { zombies: 2 }),
  row("web-2", { server: { ...row("web-2").server, accountId: "acc_a" } }, { zombies: 5, pidRatio: 0.6, loadPerCpu: 3 }),
  row("new-1", {}, null),
];

describe("filterFleet", () => {
  it("narrows by account (or none), state and text in name, host or reasons", () => {
    const names = (f: Parameters<typeof filterFleet>[1]) => filterFleet(rows, f).map((r) => r.server.name);
    expect(names({ accountId: "", risk: "", text: "" })).toEqual(["web-1", "db-1", "web-2", "new-1"]);
    expect(names({ accountId: "acc_a", risk: "", text: "" })).toEqual(["web-1", "web-2"]);
    expect(names({ accountId: "none", risk: "", text: "" })).toEqual(["db-1", "new-1"]);
    expect(names({ accountId: "", risk: "failing", text: "" })).toEqual(["db-1"]);
    expect(names({ accountId: "", risk: "", text: " WEB " })).toEqual(["web-1", "web-2"]);
    expect(names({ accountId: "", risk: "", text: "ssh_timeout" })).toEqual(["db-1"]);
    expect(names({ accountId: "acc_a", risk: "healthy", text: "web" })).toEqual(["web-2"]);
  });
});

describe("sortFleet", () => {
  it("keeps the server's risk order by default and sorts a copy otherwise, the unscanned last", () => {
    const names = (s: Parameters<typeof sortFleet>[1]) => sortFleet(rows, s).map((r) => r.server.name);
    expect(names("risk")).toEqual(["web-1", "db-1", "web-2", "new-1"]);
    expect(names("zombies")).toEqual(["web-1", "web-2", "db-1", "new-1"]);
    expect(names("pids")).toEqual(["web-2", "web-1", "db-1", "new-1"]);
    expect(names("load")[0]).toBe("web-2");
    expect(names("name")).toEqual(["db-1", "new-1", "web-1", "web-2"]);
    expect(names("scanned")[0]).toBe("new-1");
    expect(rows.map((r) => r.server.name)).toEqual(["web-1", "db-1", "web-2", "new-1"]);
  });
});

describe("withResult", () => {
  it("lays a fresh result over a row: the figures and reachability at once", () => {
    const ok = withResult(row("new-1", {}, null), { serverId: "srv_new-1", status: "ok", scanId: "scn_9", summary: summary({ zombies: 9 }), finishedAt: "2026-02-01T00:00:00.000Z" });
    expect(ok.lastScan).toEqual({ id: "scn_9", startedAt: "2026-02-01T00:00:00.000Z", summary: summary({ zombies: 9 }) });
    expect(ok.reachability).toMatchObject({ ok: true, error: null });
    const failed = withResult(rows[1]!, { serverId: "srv_db-1", status: "error", error: { code: "SSH_UNREACHABLE", message: "refused" }, finishedAt: "2026-02-01T00:00:00.000Z" });
    expect(failed.reachability).toMatchObject({ ok: false, error: { code: "SSH_UNREACHABLE" }, failuresInRow: 1 });
    // The last good figures stay.
    expect(failed.lastScan?.summary.zombies).toBe(2);
  });
});
