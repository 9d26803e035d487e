import { describe, expect, it } from "vitest";
import { buildForest } from "@/components/tree/forest";
import { treeKey } from "@/components/tree/keyboard";
import { SMALL } from "@/tests/support/process-builders";
import { visibleRows } from "@/components/tree/visible-rows";

describe("treeKey", () => {
  const rows = visibleRows(buildForest(SMALL), new Set([1]));
  // rows: 1, 300, 1234, 2

  it("moves up and down within bounds, Home and End", () => {
    expect(treeKey("ArrowDown", rows, 0)).toEqual({ kind: "focus", index: 1 });
    expect(treeKey("ArrowDown", rows, 3)).toEqual({ kind: "focus", index: 3 });
    expect(treeKey("ArrowUp", rows, 0)).toEqual({ kind: "focus", index: 0 });
    expect(treeKey("End", rows, 0)).toEqual({ kind: "focus", index: 3 });
    expect(treeKey("Home", rows, 2)).toEqual({ kind: "focus", index: 0 });
  });

  it("Right expands a closed row, then moves to its first child; on a leaf does nothing", () => {
    expect(treeKey("ArrowRight", rows, 2)).toEqual({ kind: "expand", pid: 1234 });
    expect(treeKey("ArrowRight", rows, 0)).toEqual({ kind: "focus", index: 1 });
  });

  it("Left collapses an open row, else moves to the parent", () => {
    expect(treeKey("ArrowLeft", rows, 0)).toEqual({ kind: "collapse", pid: 1 });
    expect(treeKey("ArrowLeft", rows, 2)).toEqual({ kind: "focus", index: 0 });
    expect(treeKey("ArrowLeft", rows, 3)).toEqual({ kind: "none" });
  });

  it("Enter activates", () => expect(treeKey("Enter", rows, 1)).toEqual({ kind: "activate", pid: 300 }));
});
