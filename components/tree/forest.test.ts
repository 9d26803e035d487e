import { describe, expect, it } from "vitest";
import { allExpandable, ancestorsOf, buildForest, defaultExpanded } from "@/components/tree/forest";
import { proc, SMALL } from "@/tests/support/process-builders";

describe("buildForest", () => {
  const forest = buildForest(SMALL);

  it("finds roots, children in PID order and the zombie parents' chains", () => {
    expect(forest.roots).toEqual([1, 2]);
    expect(forest.children.get(1)).toEqual([300, 1234]);
    expect(forest.children.get(1234)).toEqual([1240, 1241, 1242]);
    expect([...forest.zombieParents]).toEqual([1234]);
    expect([...forest.chain].sort((a, b) => a - b)).toEqual([1, 1234]);
  });

  it("gives ancestors from the root down", () => {
    expect(ancestorsOf(forest, 301)).toEqual([1, 300]);
    expect(ancestorsOf(forest, 1)).toEqual([]);
  });

  it("opens the roots and the chains, not kthreadd nor the zombie parent", () => {
    expect([...defaultExpanded(forest)].sort((a, b) => a - b)).toEqual([1]);
    expect(allExpandable(forest).size).toBe(4);
  });

  it("treats a process whose parent is missing, or a self-parent, as a root, and survives a cycle", () => {
    const f = buildForest([proc(10, 99, "orphan"), proc(11, 11, "self"), proc(20, 21, "a"), proc(21, 20, "b")]);
    expect(f.roots).toEqual([10, 11, 20]);
    expect(ancestorsOf(f, 20)).toEqual([21]);
  });
});
