import { describe, expect, it } from "vitest";
import { rowWindow, scrollToShow } from "@/components/tree/window";

describe("rowWindow", () => {
  it("renders the visible rows plus overscan, clamped", () => {
    expect(rowWindow(0, 100, 20, 1000, 5)).toEqual({ start: 0, end: 11 });
    expect(rowWindow(2000, 100, 20, 1000, 5)).toEqual({ start: 95, end: 111 });
    expect(rowWindow(19_990, 100, 20, 1000, 5)).toEqual({ start: 994, end: 1000 });
  });
  it("scrolls just enough to show a row", () => {
    expect(scrollToShow(2, 0, 100, 20)).toBeNull();
    expect(scrollToShow(10, 0, 100, 20)).toBe(120);
    expect(scrollToShow(1, 100, 100, 20)).toBe(20);
  });
});
