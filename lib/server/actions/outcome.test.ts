import { describe, expect, it } from "vitest";
import { describeOutcome, type OutcomeInput } from "@/lib/server/actions/outcome";

const base: OutcomeInput = { action: "reap", pid: 1234, comm: "httpd", before: { zombies: 7, initZombies: 0 }, after: { alive: true, zombies: 7, initZombies: 0 }, settled: true };

describe("describeOutcome", () => {
  const cases: [string, Partial<OutcomeInput>, string, string | null, number][] = [
    ["reap ignored", {}, "SIGCHLD reaped 0 of 7: the parent ignores it. Next: terminate", "terminate", 0],
    ["reap partial", { after: { alive: true, zombies: 4, initZombies: 0 } }, "SIGCHLD reaped 3 of 7: the parent collected only some. Next: terminate", "terminate", 0],
    ["reap worked", { after: { alive: true, zombies: 0, initZombies: 0 } }, "SIGCHLD: httpd (1234) reaped all 7 zombies and is still running.", null, 0],
    ["terminate, init reaped", { action: "terminate", after: { alive: false, zombies: 0, initZombies: 0 } }, "httpd (1234) ended after SIGTERM; its 7 zombies passed to init and were reaped.", null, 0],
    [
      "terminate, init does not reap",
      { action: "terminate", before: { zombies: 7, initZombies: 1 }, after: { alive: false, zombies: 0, initZombies: 8 } },
      "httpd (1234) ended; its 7 zombies passed to PID 1, which does not reap them (7 still there): restart the container or service.",
      "restart",
      7,
    ],
    ["terminate caught", { action: "terminate" }, "httpd (1234) is still running after SIGTERM (it catches or ignores it); 7 zombies remain. Next: kill", "kill", 0],
    ["kill, stuck", { action: "kill", after: { alive: true, zombies: 1, initZombies: 0 } }, "httpd (1234) is still running after SIGKILL: it is stuck in the kernel (state D) or traced; 1 zombie remains. Next: restart the server or its service", "restart", 0],
    ["nothing to reap", { before: { zombies: 0, initZombies: 0 }, after: { alive: true, zombies: 0, initZombies: 0 } }, "SIGCHLD sent to httpd (1234); it had no zombie children left.", null, 0],
    ["ended with none", { action: "kill", before: { zombies: 0, initZombies: 0 }, after: { alive: false, zombies: 0, initZombies: 0 } }, "httpd (1234) ended after SIGKILL.", null, 0],
    ["one zombie", { action: "terminate", before: { zombies: 1, initZombies: 0 }, after: { alive: false, zombies: 0, initZombies: 0 } }, "httpd (1234) ended after SIGTERM; its 1 zombie passed to init and was reaped.", null, 0],
  ];
  it.each(cases)("%s", (_, over, message, next, orphans) => {
    const words = describeOutcome({ ...base, ...over });
    expect(words).toEqual({ message, next, orphansLeft: orphans });
  });

  it("says when it stopped watching before the outcome settled", () => {
    expect(describeOutcome({ ...base, settled: false }).message).toMatch(/stopped watching before the outcome settled; scan again/);
  });

  it("phrases a stronger signal the caller's role may not send as asking support", () => {
    const reapOnly = describeOutcome({ ...base, allowed: ["reap"] });
    expect(reapOnly).toEqual({ message: "SIGCHLD reaped 0 of 7: the parent ignores it. Next: ask support to terminate it, or restart its service.", next: "support", orphansLeft: 0 });
    const noKill = describeOutcome({ ...base, action: "terminate", allowed: ["reap", "terminate"] });
    expect(noKill.next).toBe("support");
    expect(noKill.message).toMatch(/Next: ask support to kill it/);
  });

  it("a reap that cleared every zombie, and an ended parent whose zombies init reaped, leave nothing to do", () => {
    expect(describeOutcome({ ...base, after: { alive: true, zombies: 0, initZombies: 0 } }).next).toBeNull();
    expect(describeOutcome({ ...base, action: "terminate", after: { alive: false, zombies: 0, initZombies: 0 } }).next).toBeNull();
  });
});
