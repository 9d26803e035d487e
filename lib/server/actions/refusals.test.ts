import { describe, expect, it } from "vitest";
import type { SignalOutcome, SignalReport } from "@/lib/server/actions/parse-report";
import { refusalOf } from "@/lib/server/actions/refusals";

const ctx = { pid: 1234, startTime: 99, username: "deploy", protectedNames: ["init", "sshd"] };
const r = (report: SignalOutcome, comm: string | null = "httpd"): SignalReport => ({ ...report, comm, counts: null });

describe("refusalOf", () => {
  const cases: [string, SignalReport, string | null, number | null, RegExp | null][] = [
    ["sent", r({ result: "sent" }), null, null, null],
    ["gone", r({ result: "gone" }, null), "PROCESS_CHANGED", 409, /no longer running.*Nothing was signalled/],
    ["reused", r({ result: "changed", actualStartTime: 500 }, "bash"), "PROCESS_CHANGED", 409, /different process \(bash, start time 500, not 99\)/],
    ["session", r({ result: "protected", reason: "session" }, "sshd"), "PROTECTED_PROCESS", 403, /sshd \(1234\) is part of Reaper's own SSH session/],
    ["name", r({ result: "protected", reason: "name" }, "sshd"), "PROTECTED_PROCESS", 403, /protected list \(init, sshd\)/],
    ["kernel", r({ result: "protected", reason: "kernel" }, "kworker/0:1"), "PROTECTED_PROCESS", 403, /kernel thread/],
    ["init", r({ result: "protected", reason: "init" }), "PROTECTED_PROCESS", 403, /Restart the container or the service/],
    ["eperm named", r({ result: "eperm", owner: { uid: 33, name: "www-data" } }), "PERMISSION_DENIED", 502, /httpd \(1234\) belongs to www-data, and the SSH user deploy may not signal it/],
    ["eperm uid only", r({ result: "eperm", owner: { uid: 1001, name: null } }), "PERMISSION_DENIED", 502, /belongs to uid 1001/],
    ["sudo", r({ result: "sudo-failed", error: "sudo: a password is required" }), "PERMISSION_DENIED", 502, /sudo refused to run kill for deploy \("sudo: a password is required"\)/],
    ["other", r({ result: "failed", error: "kill: bad" }), "COMMAND_FAILED", 502, /kill failed on the server \(kill: bad\)/],
  ];
  it.each(cases)("%s", (_, report, code, status, message) => {
    const e = refusalOf(report, ctx);
    expect(e?.code ?? null).toBe(code);
    expect(e?.status ?? null).toBe(status);
    if (message) expect(e?.message).toMatch(message);
  });
});
