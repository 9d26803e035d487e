import { describe, expect, it } from "vitest";
import { liveChildren, restartAdvice } from "@/components/actions/breakage";
import { actionErrorHint } from "@/components/actions/error-hints";
import { parentOf, proc } from "@/tests/support/parent-builders";
import { whatWillHappen } from "@/components/actions/wording";

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

describe("actionErrorHint", () => {
  it("PROCESS_CHANGED says to scan again", () => {
    expect(actionErrorHint("PROCESS_CHANGED")).toMatchObject({ title: "The process changed since the scan", scanAgain: true });
    expect(actionErrorHint("PERMISSION_DENIED", true).title).toMatch(/sudo/);
    expect(actionErrorHint("SOMETHING_NEW").scanAgain).toBe(true);
  });
});
