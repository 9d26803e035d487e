import { describe, expect, it } from "vitest";
import { PidIndex } from "@/lib/server/scan/parse/pid-index";
import { decimalBetween, intBetween, nextField } from "@/lib/server/scan/parse/text-fields";

const within = (text: string, read: (t: string, s: number, e: number) => number) => read(`[${text}]`, 1, text.length + 1);

describe("reading fields in place", () => {
  it.each([["0", 0], ["42", 42], ["4194304", 4194304], ["", NaN], ["4x", NaN], ["-1", NaN], ["1234567890123456", NaN]])("int %s", (text, n) => {
    expect(within(text, intBetween)).toBe(n);
  });

  it.each([["0.0", 0], ["12.5", 12.5], ["3", 3], ["100.25", 100.25], [".5", NaN], ["5.", NaN], ["1.2.3", NaN], ["-", NaN]])("decimal %s", (text, n) => {
    expect(within(text, decimalBetween)).toBe(n);
  });

  it("finds fields without crossing the line's end", () => {
    const text = "  12 www-data S\nnext line";
    expect(nextField(text, 0, 15)).toEqual([2, 4]);
    expect(nextField(text, 4, 15)).toEqual([5, 13]);
    expect(nextField(text, 13, 15)[1]).toBe(-1);
  });
});

describe("PidIndex", () => {
  it("finds rows by PID, nothing for unknown or negative PIDs, and keeps PIDs past the kernel's limit", () => {
    const rows = [{ pid: 7 }, { pid: 1 }, { pid: 4194304 }, { pid: 9_999_999_999 }];
    const index = new PidIndex(rows);
    for (const row of rows) expect(index.get(row.pid)).toBe(row);
    for (const pid of [0, 2, -1, 4194305, 1.5]) expect(index.get(pid)).toBeUndefined();
  });
});
