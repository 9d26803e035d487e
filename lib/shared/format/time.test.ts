import { describe, expect, it } from "vitest";
import { formatDuration, formatRelative, formatUtc } from "@/lib/shared/format/time";

describe("time formats", () => {
  it("shows UTC times the same everywhere", () => {
    expect(formatUtc("2026-11-29T16:37:05.000Z")).toBe("2026-11-29 16:37 UTC");
    expect(formatUtc("not a date")).toBe("not a date");
  });

  it("says how long ago", () => {
    const now = Date.parse("2026-11-29T12:00:00Z");
    expect(formatRelative("2026-11-29T11:59:50Z", now)).toBe("just now");
    expect(formatRelative("2026-11-29T11:55:00Z", now)).toBe("5 min ago");
    expect(formatRelative("2026-11-29T09:00:00Z", now)).toBe("3 h ago");
    expect(formatRelative("2026-11-27T12:00:00Z", now)).toBe("2 days ago");
  });

  it("formats durations", () => {
    expect(formatDuration(840)).toBe("840 ms");
    expect(formatDuration(12_345)).toBe("12.3 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
  });
});
