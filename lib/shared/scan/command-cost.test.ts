import { describe, expect, it } from "vitest";
import { commandCostHint, RC_GUARD, SLOW_COMMAND_MS } from "@/lib/shared/scan/command-cost";

describe("the hint about a server's cost per command", () => {
  it("says nothing for a quick account, an unknown cost, or a scan stored before it was measured", () => {
    for (const ms of [0, 12, SLOW_COMMAND_MS - 1, null, undefined]) expect(commandCostHint(ms)).toBeNull();
  });

  it("names the cost, the rc file and both ways to set the account up", () => {
    const hint = commandCostHint(612.4) ?? "";
    expect(hint).toContain("about 612 ms");
    expect(hint).toContain("~/.bashrc");
    expect(hint).toContain("/bin/sh");
    expect(hint).toContain(RC_GUARD);
    expect(hint).toContain("How a scan works");
    expect(commandCostHint(2345)).toContain("about 2.3 s");
  });
});
