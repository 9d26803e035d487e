import { describe, expect, it } from "vitest";
import { buildForest } from "@/components/tree/forest";
import { searchForest } from "@/components/tree/search";
import { SMALL } from "@/tests/support/process-builders";

describe("searchForest", () => {
  const forest = buildForest(SMALL);
  const sorted = (s: Set<number> | undefined) => [...(s ?? [])].sort((a, b) => a - b);

  it("is off for an empty query", () => expect(searchForest(forest, "  ")).toBeNull());
  it("matches a PID exactly", () => expect(sorted(searchForest(forest, "1241")?.matches)).toEqual([1241]));
  it("matches names case-insensitively and keeps ancestors", () => {
    const r = searchForest(forest, "PHP5");
    expect(sorted(r?.matches)).toEqual([1240, 1241]);
    expect(sorted(r?.keep)).toEqual([1, 1234, 1240, 1241]);
  });
  it("matches users", () => expect(sorted(searchForest(forest, "alice")?.matches)).toEqual([301]));
});
