import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixesMarkdown } from "@/lib/shared/triage/fix-guides";
import { FIX_IDS } from "@/lib/shared/triage/lasting-fixes";

// The triage links every lasting fix to /fixes#ID; docs/fixes.md is the same guide for readers of the repository.
describe("docs/fixes.md", () => {
  it("is written from the guides the app shows (regenerate with npx tsx scripts/write-fix-docs.ts)", () => {
    const file = readFileSync(path.join(__dirname, "../../docs/fixes.md"), "utf8");
    expect(file).toBe(fixesMarkdown());
  });

  it("has an anchor for every fix the triage can name", () => {
    const file = readFileSync(path.join(__dirname, "../../docs/fixes.md"), "utf8");
    for (const id of FIX_IDS) expect(file).toContain(`<a id="${id}"></a>`);
  });
});
