import { describe, expect, it } from "vitest";
import { choiceOf, describeInterval, minutesOf } from "@/components/schedule/interval-choice";

describe("the background-scan interval choice", () => {
  it("shows a stored interval as its choice and back", () => {
    for (const minutes of [null, 5, 1, 90, 1440]) expect(minutesOf(choiceOf(minutes))).toEqual({ ok: true, value: minutes });
    expect(choiceOf(5).mode).toBe("five");
    expect(choiceOf(15)).toEqual({ mode: "custom", minutes: "15" });
  });

  it("refuses typed minutes outside 1-1440 or not whole, saying what fits", () => {
    for (const typed of ["", "0", "1441", "2.5", "-3", "ten"]) {
      const r = minutesOf({ mode: "custom", minutes: typed });
      expect(r.ok, typed).toBe(false);
      if (!r.ok) expect(r.error).toContain("1 to 1440");
    }
  });

  it("reads an interval in words", () => {
    expect(describeInterval(null)).toBe("off");
    expect(describeInterval(5)).toBe("every 5 min");
    expect(describeInterval(120)).toBe("every 2 h");
  });
});
