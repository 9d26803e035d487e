import { describe, expect, it } from "vitest";
import { buildForest } from "@/components/tree/forest";
import { searchForest } from "@/components/tree/search";
import { proc, SMALL } from "@/tests/support/process-builders";
import { visibleRows } from "@/components/tree/visible-rows";

describe("visibleRows", () => {
  const forest = buildForest(SMALL);

  it("shows the roots and the children of expanded rows only, with levels and positions", () => {
    const rows = visibleRows(forest, new Set([1]));
    expect(rows.map((r) => [r.pid, r.level, r.posInSet, r.setSize])).toEqual([
      [1, 1, 1, 2],
      [300, 2, 1, 2],
      [1234, 2, 2, 2],
      [2, 1, 2, 2],
    ]);
    expect(rows[0]).toMatchObject({ hasChildren: true, expanded: true, parentPid: null });
    expect(rows[2]).toMatchObject({ hasChildren: true, expanded: false, parentPid: 1 });
  });

  it("keeps only a search's matches and their ancestors, opened", () => {
    const search = searchForest(forest, "bash");
    const rows = visibleRows(forest, new Set(), search);
    expect(rows.map((r) => r.pid)).toEqual([1, 300, 301]);
    expect(rows[2]?.level).toBe(3);
  });

  it("lets a match be opened to all its children while searching", () => {
    const search = searchForest(forest, "1234");
    expect(visibleRows(forest, new Set(), search).map((r) => [r.pid, r.expanded])).toEqual([
      [1, true],
      [1234, false],
    ]);
    expect(visibleRows(forest, new Set([1234]), search).map((r) => r.pid)).toEqual([1, 1234, 1240, 1241, 1242]);
  });

  it("flattens a 10,000-deep chain without recursion", () => {
    const chain = Array.from({ length: 10_000 }, (_, i) => proc(i + 1, i, `p${i}`));
    const f = buildForest(chain);
    const rows = visibleRows(f, new Set(f.children.keys()));
    expect(rows).toHaveLength(10_000);
    expect(rows.at(-1)?.level).toBe(10_000);
  });
});
