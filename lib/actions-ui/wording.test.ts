import { describe, expect, it } from "vitest";
import { liveChildren, restartAdvice } from "@/lib/actions-ui/breakage";
import { actionErrorHint } from "@/lib/actions-ui/error-hints";
import { outcomeWords } from "@/lib/actions-ui/outcome";
import { parentOf, proc } from "@/lib/actions-ui/test-parent";
import type { ActionResult } from "@/lib/actions-ui/types";
import { whatWillHappen } from "@/lib/actions-ui/wording";

const httpd = parentOf({ pid: 1234, comm: "httpd", zombieCount: 87 });

describe("whatWillHappen", () => {
  it("says a web master's sites go down and where the zombies go", () => {
    expect(whatWillHappen("terminate", httpd, true)).toBe(
      "httpd (1234) will stop; the sites it serves are down until it is restarted; its 87 zombies pass to init (tini, PID 1).",
    );
  });
  it("kill says there is no clean-up", () => {
    expect(whatWillHappen("kill", httpd, false)).toMatch(/^httpd \(1234\) will be killed at once, with no chance to clean up; whatever it does/);
  });
  it("shows invisible characters in names", () => {
    expect(whatWillHappen("terminate", parentOf({ pid: 5, comm: "a\nb", zombieCount: 1 }), false)).toContain("a\\nb (5) will stop");
  });
});

describe("liveChildren and restartAdvice", () => {
  it("counts live children by name, not zombies", () => {
    const procs = [proc({ pid: 2, ppid: 1234, comm: "httpd" }), proc({ pid: 3, ppid: 1234, comm: "httpd" }), proc({ pid: 4, ppid: 1234, comm: "rotatelogs" }), proc({ pid: 5, ppid: 1234, comm: "httpd", state: "Z" }), proc({ pid: 6, ppid: 9, comm: "x" })];
    expect(liveChildren(httpd, procs)).toEqual({ count: 3, names: [{ comm: "httpd", count: 2 }, { comm: "rotatelogs", count: 1 }], moreNames: 0 });
  });
  it("names the systemd unit to restart when known", () => {
    expect(restartAdvice({ ...httpd, service: { kind: "systemd", name: "httpd.service", cgroup: "/system.slice/httpd.service" } })).toBe(
      "Prefer restarting the service: systemctl restart httpd.service",
    );
    expect(restartAdvice(httpd)).toMatch(/systemctl restart/);
    expect(restartAdvice({ ...httpd, service: { kind: "cgroup", name: "/", cgroup: "/" } })).toMatch(/the way this server does it/);
  });
});

const result = (over: Partial<ActionResult>): ActionResult => ({
  id: "act_1", action: "reap", pid: 1234, comm: "httpd", status: "done", message: "", before: { zombies: 7 }, after: { zombies: 7, parentAlive: true }, ...over,
});

describe("outcomeWords", () => {
  it("a reap that reaped nothing says so and suggests terminate", () => {
    const w = outcomeWords(result({}));
    expect(w.headline).toBe("SIGCHLD reaped 0 of 7: the parent does not collect its children.");
    expect(w.suggest).toBe("terminate");
    expect(outcomeWords(result({}), false).next).toBe("Next: ask support to terminate the parent, or restart its service.");
  });
  it("a reap that cleared all is a success", () => {
    expect(outcomeWords(result({ after: { zombies: 0, parentAlive: true } })).tone).toBe("success");
  });
  it("a terminate that ended the parent and cleared the zombies", () => {
    const w = outcomeWords(result({ action: "terminate", after: { zombies: 0, parentAlive: false } }));
    expect(w.headline).toBe("httpd (1234) ended after SIGTERM; its 7 zombies are gone.");
  });
  it("a terminate the parent survived suggests kill", () => {
    expect(outcomeWords(result({ action: "terminate" })).suggest).toBe("kill");
  });
  it("orphans left under a non-reaping init", () => {
    expect(outcomeWords(result({ action: "terminate", after: { zombies: 7, parentAlive: false } })).suggest).toBe("restart");
    const w = outcomeWords(result({ action: "terminate", after: { zombies: 0, parentAlive: false }, orphansLeft: 7 }));
    expect(w.headline).toBe("httpd (1234) ended, but 7 of its zombies are left under PID 1.");
    expect(w.suggest).toBe("restart");
  });
});

describe("actionErrorHint", () => {
  it("PROCESS_CHANGED says to scan again", () => {
    expect(actionErrorHint("PROCESS_CHANGED")).toMatchObject({ title: "The process changed since the scan", scanAgain: true });
    expect(actionErrorHint("PERMISSION_DENIED", true).title).toMatch(/sudo/);
    expect(actionErrorHint("SOMETHING_NEW").scanAgain).toBe(true);
  });
});
