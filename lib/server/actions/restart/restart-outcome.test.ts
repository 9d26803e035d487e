import { describe, expect, it } from "vitest";
import { describeRestart, restartSettled, type RestartOutcomeInput } from "@/lib/server/actions/restart/restart-outcome";
import { restartRefusalOf } from "@/lib/server/actions/restart/restart-refusals";
import { parseRestartPoll, parseRestartReport, parseUnitLook, type RestartPollReport, type RestartReport } from "@/lib/server/actions/restart/restart-report";

const M = "@@reaper-action";
const unit = (activeState: string | null, mainPid: number | null) => ({ description: null, activeState, subState: null, mainPid });
const before = { zombies: 7, initZombies: 0, unit: { description: "PHP", activeState: "active", subState: null, mainPid: 1234 } };
const after = (over: Partial<RestartPollReport> = {}): RestartPollReport => ({ alive: false, zombies: 0, initZombies: 0, unit: unit("active", 5678), ...over });
const base: RestartOutcomeInput = { pid: 1234, comm: "php-fpm", unit: "php-fpm.service", before, after: after(), settled: true, startFailed: false };

describe("describeRestart", () => {
  const cases: [string, Partial<RestartOutcomeInput>, string, string | null, number][] = [
    ["back with a new main PID, zombies reaped", {}, "php-fpm.service restarted: php-fpm (1234) ended and its 7 zombies were reaped; the unit is active again with main PID 5678.", null, 0],
    [
      "the parent is not what the unit stops",
      { after: after({ alive: true, zombies: 7 }) },
      "php-fpm.service restarted, but php-fpm (1234) is still running: the unit's stop does not end it (it is not the unit's main process, or the unit's KillMode leaves it); 7 zombies remain. Next: terminate",
      "terminate",
      0,
    ],
    [
      "PID 1 does not reap the orphans",
      { after: after({ initZombies: 7 }) },
      "php-fpm.service restarted; php-fpm (1234) ended and its 7 zombies passed to PID 1, which does not reap them (7 still there): restart the container or server.",
      "restart",
      7,
    ],
    [
      "the start failed",
      { startFailed: true, after: after({ unit: unit("failed", null) }) },
      "php-fpm.service was stopped but did not start again (systemd reports it failed): what it serves is down. php-fpm (1234) ended and its 7 zombies were reaped. Look at journalctl -u php-fpm.service on the server and start it once fixed.",
      "restart",
      0,
    ],
    ["inactive afterwards", { after: after({ unit: unit("inactive", null) }) }, "php-fpm.service restarted and php-fpm (1234) ended, but systemd reports the unit inactive: check it on the server (systemctl status php-fpm.service).", "restart", 0],
    ["one zombie", { before: { ...before, zombies: 1 } }, "php-fpm.service restarted: php-fpm (1234) ended and its 1 zombie was reaped; the unit is active again with main PID 5678.", null, 0],
  ];
  it.each(cases)("%s", (_, over, message, next, orphans) => {
    expect(describeRestart({ ...base, ...over })).toEqual({ message, next, orphansLeft: orphans });
  });

  it("a customer is told to ask support for the terminate it may not send", () => {
    const words = describeRestart({ ...base, after: after({ alive: true, zombies: 7 }), allowed: ["reap", "restart"] });
    expect(words.next).toBe("support");
    expect(words.message).toMatch(/Next: ask support to terminate it/);
  });

  it("says when it stopped watching before the outcome settled", () => {
    expect(describeRestart({ ...base, settled: false }).message).toMatch(/stopped watching before the outcome settled/);
  });
});

describe("restartSettled", () => {
  it.each([
    ["active, new main PID, parent gone", after(), true],
    ["still activating", after({ unit: unit("activating", null) }), false],
    ["active but the old main PID", after({ unit: unit("active", 1234) }), false],
    ["failed is final", after({ unit: unit("failed", null) }), true],
    ["the parent still holds zombies", after({ alive: true, zombies: 3 }), false],
    ["orphans not yet reaped by PID 1", after({ initZombies: 7 }), false],
  ] as const)("%s: %s", (_, now, done) => {
    expect(restartSettled(now, before, 1234)).toBe(done);
  });
});

describe("parsing what the server printed", () => {
  it("a sent restart with systemd's view from before", () => {
    const out = `banner\n${M} count zombies=4 initzombies=0\n${M} comm=php-fpm\n${M} before Description=PHP = fast\n${M} before MainPID=8\n${M} before ActiveState=active\n${M} result=sent\n`;
    expect(parseRestartReport(out)).toEqual({
      ok: true,
      value: { result: "sent", startFailed: false, error: null, comm: "php-fpm", counts: { zombies: 4, initZombies: 0 }, before: { description: "PHP = fast", activeState: "active", subState: null, mainPid: 8 } },
    });
  });

  it.each([
    ["moved", `${M} found=other.service\n${M} result=moved\n`, { result: "moved", found: "other.service" }],
    ["a user's service", `${M} found=app.service\n${M} result=not-service kind=user\n`, { result: "not-service", kind: "user", found: "app.service" }],
    ["no service", `${M} found=/init.scope\n${M} result=not-service kind=none\n`, { result: "not-service", kind: "none", found: "/init.scope" }],
    ["start failed", `${M} error=Job for x.service failed.\n${M} result=sent start=failed\n`, { result: "sent", startFailed: true, error: "Job for x.service failed." }],
    ["no systemd", `${M} error=System has not been booted with systemd\n${M} result=no-systemd\n`, { result: "no-systemd", error: "System has not been booted with systemd" }],
  ] as const)("%s", (_, out, value) => {
    expect(parseRestartReport(out)).toMatchObject({ ok: true, value });
  });

  it("refuses output without a result", () => {
    expect(parseRestartReport(`${M} count zombies=1 initzombies=0\n`).ok).toBe(false);
    expect(parseRestartReport(`${M} result=maybe\n`).ok).toBe(false);
  });

  it("a poll: the old parent, its zombies and the unit now", () => {
    expect(parseRestartPoll(`${M} count zombies=2 initzombies=0\n${M} poll alive=0\n${M} unit ActiveState=active\n${M} unit MainPID=99\n`)).toEqual({
      ok: true,
      value: { alive: false, zombies: 0, initZombies: 0, unit: { description: null, activeState: "active", subState: null, mainPid: 99 } },
    });
  });

  it("the unit look: systemd not running, in words", () => {
    const out = `${M} comm=httpd\n${M} unit kind=service\n${M} unitname=httpd.service\n${M} show System has not been booted with systemd as init system (PID 1). Can't operate.\n${M} systemctl rc=1\n${M} procs total=0\n${M} result=ok\n`;
    expect(parseUnitLook(out)).toMatchObject({ ok: true, value: { kind: "service", unit: "httpd.service", systemctl: 1, systemctlSaid: expect.stringContaining("not been booted"), processCount: 0 } });
  });

  it("the unit look: processes with odd names stay exact", () => {
    const out = `${M} unit kind=service\n${M} unitname=a.service\n${M} systemctl rc=0\n${M} procs total=2\n${M} proc 8 1 S comm=a\\nb) c\n${M} proc 9 8 Z comm=w\n${M} result=ok\n`;
    expect(parseUnitLook(out)).toMatchObject({ ok: true, value: { processes: [{ pid: 8, ppid: 1, state: "S", comm: "a\nb) c" }, { pid: 9, ppid: 8, state: "Z", comm: "w" }], processCount: 2 } });
  });
});

describe("restartRefusalOf", () => {
  const ctx = { pid: 1234, startTime: 9, username: "deploy", protectedNames: ["sshd"], unit: "php-fpm.service" };
  const report = (r: Partial<RestartReport>): RestartReport => ({ result: "sent", startFailed: false, error: null, comm: "php-fpm", counts: null, before: unit(null, null), ...r }) as RestartReport;
  it.each([
    [{ result: "moved", found: "other.service" }, "PROCESS_CHANGED", /no longer part of php-fpm.service \(the server now puts it in other.service\)/],
    [{ result: "not-service", kind: "none", found: "/" }, "NOT_RESTARTABLE", /not in any systemd service/],
    [{ result: "not-service", kind: "user", found: "app.service" }, "NOT_RESTARTABLE", /systemctl --user/],
    [{ result: "no-systemd", error: "System has not been booted with systemd" }, "NOT_RESTARTABLE", /systemd does not run/],
    [{ result: "eperm", error: "Access denied" }, "PERMISSION_DENIED", /only root may restart system services/],
    [{ result: "sudo-failed", error: "sudo: a password is required" }, "PERMISSION_DENIED", /NOPASSWD/],
    [{ result: "protected", reason: "session" }, "PROTECTED_PROCESS", /Reaper's own SSH session/],
    [{ result: "gone" }, "PROCESS_CHANGED", /no longer running/],
  ] as const)("%j is %s", (r, code, message) => {
    const e = restartRefusalOf(report(r as Partial<RestartReport>), ctx);
    expect(e?.code).toBe(code);
    expect(e?.message).toMatch(message);
  });
  it("a sent restart is no refusal", () => {
    expect(restartRefusalOf(report({}), ctx)).toBeNull();
  });
});
