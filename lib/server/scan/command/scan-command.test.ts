import { describe, expect, it } from "vitest";
import { buildDetailsCommand } from "@/lib/server/scan/command/details-command";
import { buildScanCommand } from "@/lib/server/scan/command/scan-command";
import { SCAN_STEPS } from "@/lib/shared/scan/steps";

describe("buildScanCommand", () => {
  it("is one command: C.UTF-8 locale, remote timeout, a single-quoted script with no quote inside", () => {
    const { command } = buildScanCommand();
    const prefix = "LC_ALL=C.UTF-8 timeout -k 2 30 sh -c '";
    expect(command.startsWith(prefix)).toBe(true);
    expect(command.endsWith("'")).toBe(true);
    expect(command.slice(prefix.length, -1)).not.toContain("'");
  });

  it("holds the exact text of sys, stat and parents; ps, pstree and limits are the details step's", () => {
    const { command, commands } = buildScanCommand();
    expect(commands).toHaveLength(SCAN_STEPS.length);
    for (const [i, step] of commands.entries()) {
      if (["ps", "pstree", "limits"].includes(SCAN_STEPS[i] ?? "")) expect(step).toBe("");
      else expect(command).toContain(step);
    }
    expect(command).not.toMatch(/\bps\b|pstree|limits/);
  });

  it("reads /proc once, in order: sys, stat, parents, then the end marker", () => {
    const { command, commands } = buildScanCommand();
    const [sys, stat, , , parents] = commands;
    const at = (text: string | undefined) => command.indexOf(text ?? "?");
    expect(at(sys)).toBeLessThan(at(stat));
    expect(at(stat)).toBeLessThan(at(parents));
    expect(command).toMatch(/echo @@reaper:end'$/);
    expect(command.match(/\[0-9\]\*\/stat/g)).toHaveLength(1);
  });

  it("puts the validated options in", () => {
    const { command, commands } = buildScanCommand({ timeoutSeconds: 7, pstreeParents: 2 });
    expect(command).toContain("timeout -k 2 7 sh -c");
    expect(commands[1]).toContain("t < 2;");
  });

  it.each([{ timeoutSeconds: 0 }, { timeoutSeconds: 1.5 }, { pstreeParents: -1 }, { pstreeParents: 51 }, { pstreeParents: Number.NaN }])("refuses %o", (opts) => {
    expect(() => buildScanCommand(opts)).toThrow(RangeError);
  });
});

describe("buildDetailsCommand", () => {
  it("runs ps and the limits it leads to, then pstree -s -p for each parent (or says pstree is missing), then marks its end", () => {
    const { command, texts } = buildDetailsCommand([12, 345], { timeoutSeconds: 9 });
    expect(command).toBe(`LC_ALL=C.UTF-8 timeout -k 2 9 sh -c 'exec 4>&1; echo @@reaper:ps; ${texts.ps}; ${texts.limits}; ${texts.pstree}; echo @@reaper:end'`);
    expect(texts.ps).toContain("ps -A -ww -o pid=,user:32=,stat=,pcpu=,rss=,args=");
    expect(texts.ps).toContain("t < 5;");
    expect(texts.pstree).toContain('for pid in 12 345; do echo "@@reaper:pstree $pid"; pstree -l -A -s -p "$pid"; done');
    expect(texts.pstree).toContain("echo @@reaper:pstree-missing");
  });

  it("runs ps alone when there is no parent to draw", () => {
    const { command, texts } = buildDetailsCommand([], { timeoutSeconds: 9, limitUsers: 3 });
    expect(texts.pstree).toBe("");
    expect(command).not.toContain("pstree");
    expect(texts.ps).toContain("t < 3;");
  });

  it.each([[[0]], [[1.5]], [[2 ** 23]], [Array.from({ length: 51 }, (_, i) => i + 1)]])("refuses PIDs %o", (pids) => {
    expect(() => buildDetailsCommand(pids, { timeoutSeconds: 5 })).toThrow(RangeError);
  });

  it.each([{ timeoutSeconds: 0 }, { timeoutSeconds: 5, limitUsers: 51 }])("refuses %o", (opts) => {
    expect(() => buildDetailsCommand([1], opts)).toThrow(RangeError);
  });
});
