import { describe, expect, it } from "vitest";
import { seriesPoints, trendWord } from "@/components/history/history-points";

const scan = (id: string, zombies: number) => ({ id, startedAt: "", summary: { processes: 10, zombies, pidsInUse: 10, pidMax: 100, loadAvg: [0, 0, 0] as [number, number, number] } });

describe("seriesPoints", () => {
  it("puts the oldest scan left and scales to the maximum", () => {
    const pts = seriesPoints([scan("new", 10), scan("old", 0)], (s) => s.zombies, { width: 100, top: 0, height: 50, pad: 0 });
    expect(pts).toEqual([
      { id: "old", value: 0, x: 0, y: 50 },
      { id: "new", value: 10, x: 100, y: 0 },
    ]);
  });
});

describe("trendWord", () => {
  it("reads growth, shrinkage and steadiness", () => {
    expect(trendWord([1, 2, 10, 20])).toBe("grows");
    expect(trendWord([20, 10, 2, 1])).toBe("shrinks");
    expect(trendWord([5, 5, 5, 5])).toBe("steady");
    expect(trendWord([5])).toBeNull();
  });
});
