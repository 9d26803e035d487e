import { describe, expect, it } from "vitest";
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

  it("lists every step's exact text, in the order the script runs them", () => {
    const { command, commands } = buildScanCommand();
    expect(commands).toHaveLength(SCAN_STEPS.length);
    let from = 0;
    for (const step of commands) {
      const at = command.indexOf(step, from);
      expect(at).toBeGreaterThan(from);
      from = at + step.length;
    }
  });

  it("puts the validated options in", () => {
    const { command, commands } = buildScanCommand({ timeoutSeconds: 7, pstreeParents: 2, pstreeMaxProcesses: 123, limitUsers: 3 });
    expect(command).toContain("timeout -k 2 7 sh -c");
    expect(commands[1]).toContain("t < 2;");
    expect(commands[2]).toContain("t < 3;");
    expect(commands[3]).toContain('[ "$n" -gt 123 ]');
  });

  it.each([{ timeoutSeconds: 0 }, { timeoutSeconds: 1.5 }, { pstreeParents: -1 }, { limitUsers: 51 }, { pstreeMaxProcesses: Number.NaN }])(
    "refuses %o",
    (opts) => {
      expect(() => buildScanCommand(opts)).toThrow(RangeError);
    },
  );
});
