import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS } from "@/lib/shared/alerts/defaults";
import { alertReasons } from "@/lib/shared/alerts/evaluate";
import type { ScanFacts, Thresholds } from "@/lib/shared/alerts/types";

const facts = (over: Partial<ScanFacts> = {}): ScanFacts => ({ scanId: "scn_1", scannedAt: "2026-12-01T10:00:00.000Z", zombies: 0, pidUse: 0.01, oldestZombieAgeSeconds: null, verdict: null, ...over });
const t = (over: Partial<Thresholds> = {}): Thresholds => ({ ...DEFAULT_THRESHOLDS, ...over });
const kinds = (thresholds: Thresholds, input: Parameters<typeof alertReasons>[1]) => alertReasons(thresholds, input).map((r) => r.kind);
const ok = (s: ScanFacts) => ({ lastScan: s, failuresInRow: 0, lastFailure: null });

describe("alert reasons", () => {
  it("a quiet server has none", () => {
    expect(alertReasons(t(), ok(facts({ zombies: 3, oldestZombieAgeSeconds: 20 })))).toEqual([]);
  });

  it("zombies count only above the threshold, not at it", () => {
    expect(kinds(t({ zombiesAbove: 10 }), ok(facts({ zombies: 10 })))).toEqual([]);
    expect(alertReasons(t({ zombiesAbove: 10 }), ok(facts({ zombies: 11 })))).toEqual([{ kind: "zombies", text: "11 zombies, more than the 10 allowed" }]);
  });

  it("PID use is compared in percent, to a tenth", () => {
    expect(kinds(t({ pidUsePercentAbove: 90 }), ok(facts({ pidUse: 0.9 })))).toEqual([]);
    expect(alertReasons(t({ pidUsePercentAbove: 90 }), ok(facts({ pidUse: 0.9012 })))[0]?.text).toBe("90.1% of the PID limit in use, above 90%");
  });

  it("a zombie's age counts only while there are zombies and the age is known", () => {
    const old = { zombies: 2, oldestZombieAgeSeconds: 2 * 3600 + 300 };
    expect(alertReasons(t({ zombieAgeMinutesAbove: 60 }), ok(facts(old)))).toEqual([{ kind: "zombie-age", text: "a zombie has waited 2 h 5 min for its parent, longer than 1 h" }]);
    expect(kinds(t({ zombieAgeMinutesAbove: 60 }), ok(facts({ ...old, oldestZombieAgeSeconds: null })))).toEqual([]);
    expect(kinds(t({ zombieAgeMinutesAbove: 60 }), ok(facts({ zombies: 0, oldestZombieAgeSeconds: 9999 })))).toEqual([]);
  });

  it("failed scans in a row count from the threshold on, name the last error, and keep the last scan's reasons", () => {
    const failure = { code: "SSH_TIMEOUT", message: "The server did not answer.", at: "2026-12-01T11:00:00.000Z" };
    const thresholds = t({ failedScansInRow: 3, zombiesAbove: 5 });
    expect(kinds(thresholds, { lastScan: null, failuresInRow: 2, lastFailure: failure })).toEqual([]);
    const reasons = alertReasons(thresholds, { lastScan: facts({ zombies: 6 }), failuresInRow: 3, lastFailure: failure });
    expect(reasons).toEqual([
      { kind: "failed-scans", text: "3 scans in a row failed, the last with SSH_TIMEOUT: The server did not answer." },
      { kind: "zombies", text: "6 zombies, more than the 5 allowed" },
    ]);
  });

  it("a threshold set to null is off", () => {
    const off: Thresholds = { zombiesAbove: null, pidUsePercentAbove: null, zombieAgeMinutesAbove: null, failedScansInRow: null };
    expect(alertReasons(off, { lastScan: facts({ zombies: 10_000, pidUse: 0.999, oldestZombieAgeSeconds: 10 ** 6 }), failuresInRow: 50, lastFailure: null })).toEqual([]);
  });
});
