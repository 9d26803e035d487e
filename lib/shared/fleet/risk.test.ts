import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS } from "@/lib/shared/alerts/defaults";
import { assessRisk, compareRisk, type Ranked } from "@/lib/shared/fleet/risk";
import type { FleetSummary, Reachability } from "@/lib/shared/fleet/types";

const summary = (over: Partial<FleetSummary> = {}): FleetSummary => ({
  processes: 200,
  zombies: 3,
  pidsInUse: 400,
  pidMax: 32768,
  loadAvg: [0.5, 0.4, 0.3],
  pidLimit: 32768,
  pidRatio: 400 / 32768,
  pidLevel: "ok",
  loadPerCpu: 0.25,
  loadLevel: "ok",
  cause: "none",
  verdict: "No process-level cause of 503 found.",
  oldestZombieAgeSeconds: 30,
  ...over,
});
const ok: Reachability = { lastAttemptAt: "2026-01-01T00:00:00.000Z", ok: true, error: null, failuresInRow: 0 };
const failed = (n: number): Reachability => ({ ...ok, ok: false, failuresInRow: n, error: { code: "SSH_UNREACHABLE", message: "Could not reach 10.0.0.9:22." } });

describe("assessRisk", () => {
  it.each([
    ["never scanned", null, null, "unknown", [/Not scanned yet/]],
    ["a quiet server", summary(), ok, "healthy", []],
    ["more zombies than the threshold", summary({ zombies: 101 }), ok, "at-risk", [/101 zombies, more than the 100 allowed/]],
    ["exactly the threshold of zombies", summary({ zombies: 100 }), ok, "healthy", []],
    ["PID use at the triage's warning line", summary({ pidRatio: 0.75, pidsInUse: 24576 }), ok, "healthy", []],
    ["PID use past the critical line", summary({ pidRatio: 0.95, pidsInUse: 31130 }), ok, "at-risk", [/95% of the PID limit in use, above 90%/]],
    ["an old zombie", summary({ oldestZombieAgeSeconds: 7200 }), ok, "at-risk", [/a zombie has waited 2 h for its parent, longer than 1 h/]],
    ["a PID verdict", summary({ cause: "cgroup-pid-limit", verdict: "Likely cause of 503: the PID limit of nginx.service is nearly used up." }), ok, "at-risk", [/nginx\.service/]],
    ["a CPU verdict alone", summary({ cause: "cpu-overload", verdict: "Likely cause of 503: CPU overload." }), ok, "healthy", []],
    ["failed once", summary(), failed(1), "failing", [/The last scan failed \(SSH_UNREACHABLE\): Could not reach/]],
    ["failed twice, never scanned", null, failed(2), "failing", [/SSH_UNREACHABLE/]],
    ["unreachable three times running", summary(), failed(3), "at-risk", [/3 scans in a row failed, the last with SSH_UNREACHABLE: Could not reach/]],
    ["failing with a pile of zombies last seen", summary({ zombies: 500 }), failed(1), "at-risk", [/500 zombies/]],
  ] as const)("%s", (_, s, r, risk, reasons) => {
    const got = assessRisk({ summary: s, reachability: r });
    expect(got.risk).toBe(risk);
    expect(got.reasons).toHaveLength(reasons.length);
    reasons.forEach((re, i) => expect(got.reasons[i]).toMatch(re));
  });

  it("takes other thresholds with the same meaning", () => {
    expect(assessRisk({ summary: summary({ zombies: 11 }), reachability: ok }, { ...DEFAULT_THRESHOLDS, zombiesAbove: 10 }).risk).toBe("at-risk");
    expect(assessRisk({ summary: null, reachability: failed(1) }, { ...DEFAULT_THRESHOLDS, failedScansInRow: 1 }).risk).toBe("at-risk");
    // A threshold set to null is off: the rule no longer marks anyone.
    expect(assessRisk({ summary: summary({ zombies: 5000 }), reachability: ok }, { ...DEFAULT_THRESHOLDS, zombiesAbove: null }).risk).toBe("healthy");
  });
});

describe("compareRisk", () => {
  const row = (name: string, over: Partial<Ranked>): Ranked => ({ name, risk: "healthy", reasons: [], summary: summary(), failuresInRow: 0, ...over });

  it("puts at-risk first, then failing, healthy and unknown; the worst of each first", () => {
    const rows = [
      row("unknown", { risk: "unknown", summary: null }),
      row("healthy-low", { summary: summary({ pidRatio: 0.1 }) }),
      row("failing-1", { risk: "failing", failuresInRow: 1, summary: null }),
      row("at-risk-one-reason", { risk: "at-risk", reasons: ["a"] }),
      row("healthy-high", { summary: summary({ pidRatio: 0.5 }) }),
      row("failing-2", { risk: "failing", failuresInRow: 2, summary: null }),
      row("at-risk-two-reasons", { risk: "at-risk", reasons: ["a", "b"] }),
    ];
    expect(rows.sort(compareRisk).map((r) => r.name)).toEqual(["at-risk-two-reasons", "at-risk-one-reason", "failing-2", "failing-1", "healthy-high", "healthy-low", "unknown"]);
  });
});
