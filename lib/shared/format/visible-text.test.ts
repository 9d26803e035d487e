import { describe, expect, it } from "vitest";
import { visibleParts, visibleText } from "@/lib/shared/format/visible-text";

describe("visibleText", () => {
  it.each([
    ["httpd", "httpd"],
    ["web worker)", "web worker)"],
    ["wörker-ü 日本", "wörker-ü 日本"],
    ["a\nb", "a\\nb"],
    ["tab\there", "tab\\there"],
    ["\x1b[31mred", "\\e[31mred"],
    ["nul\0", "nul\\0"],
    ["del\x7f", "del\\x7f"],
    ["c1\u0085", "c1\\x85"],
    ["evil\u202eexe.txt", "evil\\u202eexe.txt"],
    ["zero\u200bwidth", "zero\\u200bwidth"],
  ])("%j shows as %j", (input, shown) => {
    expect(visibleText(input)).toBe(shown);
  });

  it("keeps newlines when asked (pstree output), still escaping the rest", () => {
    expect(visibleText("a\nb\rc", { keepNewlines: true })).toBe("a\nb\\rc");
  });

  it("marks which parts were escaped", () => {
    expect(visibleParts("x\ny")).toEqual([
      { text: "x", escaped: false },
      { text: "\\n", escaped: true },
      { text: "y", escaped: false },
    ]);
  });
});
