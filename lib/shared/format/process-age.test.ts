import { describe, expect, it } from "vitest";
import { processAgeSeconds, processStartIso } from "@/lib/shared/format/process-age";

describe("processAgeSeconds", () => {
  it("is uptime minus start ticks over clock ticks", () => {
    expect(processAgeSeconds({ startTime: 1000 }, { uptimeSeconds: 100, clockTicks: 100 })).toBe(90);
  });
  it("is unknown without uptime", () => {
    expect(processAgeSeconds({ startTime: 1000 }, { uptimeSeconds: null, clockTicks: 100 })).toBeNull();
    expect(processAgeSeconds({ startTime: 1000 }, undefined)).toBeNull();
  });
  it("gives the start as scan time minus age", () => {
    expect(processStartIso(60, "2026-11-29T16:37:00.000Z")).toBe("2026-11-29T16:36:00.000Z");
  });
});
