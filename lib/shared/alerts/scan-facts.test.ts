import { describe, expect, it } from "vitest";
import { alertInputsOf, currentFailure } from "@/lib/shared/alerts/scan-facts";
import type { FleetSummary, Reachability } from "@/lib/shared/fleet/types";

const summary = { zombies: 7, pidRatio: 0.42, oldestZombieAgeSeconds: 3600, verdict: "httpd leaves zombies." } as FleetSummary;
const lastScan = { id: "scn_1", startedAt: "2026-12-01T10:00:00.000Z", summary };
const ok: Reachability = { lastAttemptAt: "2026-12-01T10:00:01.000Z", ok: true, error: null, failuresInRow: 0 };
const failing: Reachability = { lastAttemptAt: "2026-12-01T11:00:00.000Z", ok: false, error: { code: "SSH_UNREACHABLE", message: "Could not reach it." }, failuresInRow: 2 };

describe("alerting's facts, read from the scan status", () => {
  it("takes the last good scan's figures", () => {
    expect(alertInputsOf({ lastScan, reachability: ok })).toEqual({
      lastScan: { scanId: "scn_1", scannedAt: lastScan.startedAt, zombies: 7, pidUse: 0.42, oldestZombieAgeSeconds: 3600, verdict: "httpd leaves zombies." },
      failuresInRow: 0,
      lastFailure: null,
    });
  });

  it("keeps them while scans fail, with the failures in a row and the current error", () => {
    const inputs = alertInputsOf({ lastScan, reachability: failing });
    expect(inputs.lastScan?.scanId).toBe("scn_1");
    expect(inputs.failuresInRow).toBe(2);
    expect(inputs.lastFailure).toEqual({ code: "SSH_UNREACHABLE", message: "Could not reach it.", at: failing.lastAttemptAt });
  });

  it("knows nothing of a server never attempted, and no failure once a scan works", () => {
    expect(alertInputsOf(undefined)).toEqual({ lastScan: null, failuresInRow: 0, lastFailure: null });
    expect(currentFailure(ok)).toBeNull();
    expect(currentFailure(null)).toBeNull();
  });
});
