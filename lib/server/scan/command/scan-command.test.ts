import { describe, expect, it } from "vitest";
import { buildPstreeCommand } from "@/lib/server/scan/command/pstree-command";
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

  it("holds every step's exact text but pstree's, which is a command of its own", () => {
    const { command, commands } = buildScanCommand();
    expect(commands).toHaveLength(SCAN_STEPS.length);
    for (const [i, step] of commands.entries()) {
      if (SCAN_STEPS[i] === "pstree") expect(step).toBe("");
      else expect(command).toContain(step);
    }
    expect(command).not.toContain("pstree");
  });

  it("starts ps in the background before the foreground reads /proc, and waits for it", () => {
    const { command, commands } = buildScanCommand();
    const [, stat, ps] = commands;
    expect(command.indexOf(`${ps ?? "?"};`)).toBeLessThan(command.indexOf(stat ?? "?"));
    expect(command).toMatch(/\} 5>&1 & \{ echo "@@reaper:sys \$\$"/);
    expect(command).toContain("} >&4; wait)");
  });

  it("puts the validated options in", () => {
    const { command, commands } = buildScanCommand({ timeoutSeconds: 7, pstreeParents: 2, limitUsers: 3 });
    expect(command).toContain("timeout -k 2 7 sh -c");
    expect(commands[1]).toContain("t < 2;");
    expect(commands[2]).toContain("t < 3;");
  });

  it.each([{ timeoutSeconds: 0 }, { timeoutSeconds: 1.5 }, { pstreeParents: -1 }, { limitUsers: 51 }, { limitUsers: Number.NaN }])("refuses %o", (opts) => {
    expect(() => buildScanCommand(opts)).toThrow(RangeError);
  });
});

describe("buildPstreeCommand", () => {
  it("runs pstree -s -p for each parent, or says pstree is missing, then marks its end", () => {
    const { command, text } = buildPstreeCommand([12, 345], { timeoutSeconds: 9 });
    expect(command).toBe(`LC_ALL=C.UTF-8 timeout -k 2 9 sh -c '${text}; echo @@reaper:end'`);
    expect(text).toContain('for pid in 12 345; do echo "@@reaper:pstree $pid"; pstree -l -A -s -p "$pid"; done');
    expect(text).toContain("echo @@reaper:pstree-missing");
  });

  it.each([[[]], [[0]], [[1.5]], [[2 ** 23]], [Array.from({ length: 51 }, (_, i) => i + 1)]])("refuses PIDs %o", (pids) => {
    expect(() => buildPstreeCommand(pids, { timeoutSeconds: 5 })).toThrow(RangeError);
  });
});
