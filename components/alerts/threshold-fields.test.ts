import { describe, expect, it } from "vitest";
import { describeThreshold, parseFields, toFields } from "@/components/alerts/threshold-fields";
import { DEFAULT_THRESHOLDS } from "@/lib/shared/alerts/defaults";

describe("the threshold form's fields", () => {
  it("round-trips a set, empty standing for off", () => {
    const set = { ...DEFAULT_THRESHOLDS, zombieAgeMinutesAbove: null };
    expect(toFields(set).zombieAgeMinutesAbove).toBe("");
    expect(parseFields(toFields(set))).toEqual({ ok: true, value: set });
  });

  it("names each field out of range or not a whole number, and saves nothing", () => {
    const parsed = parseFields({ zombiesAbove: " 12 ", pidUsePercentAbove: "100", zombieAgeMinutesAbove: "1.5", failedScansInRow: "0" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(["failedScansInRow", "pidUsePercentAbove", "zombieAgeMinutesAbove"]);
    expect(parsed.errors.pidUsePercentAbove).toContain("from 1 to 99");
  });

  it("reads a threshold in words", () => {
    expect(describeThreshold("zombiesAbove", 100)).toBe("100 zombies");
    expect(describeThreshold("failedScansInRow", null)).toBe("off");
  });
});
