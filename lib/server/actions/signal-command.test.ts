import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePollReport, parseSignalReport } from "@/lib/server/actions/parse-report";
import { buildPollCommand, buildSignalCommand, EXIT, type SignalCommandInput } from "@/lib/server/actions/signal-command";
import { SIGNAL_ACTIONS } from "@/lib/shared/actions/types";
import { needs } from "@/tests/support/needs";

const input = (over: Partial<SignalCommandInput> = {}): SignalCommandInput => ({ action: "terminate", pid: 111111, startTime: 222222, useSudo: false, protectedNames: ["init", "systemd", "sshd"], ...over });

describe("the remote command is fixed text plus validated integers", () => {
  it.each(SIGNAL_ACTIONS.flatMap((action) => [false, true].map((useSudo) => [action, useSudo] as const)))("%s (sudo %s): only pid and startTime vary", (action, useSudo) => {
    const a = buildSignalCommand(input({ action, useSudo, pid: 111111, startTime: 222222 }));
    const b = buildSignalCommand(input({ action, useSudo, pid: 333333, startTime: 444444 }));
    expect(b.replaceAll("333333", "111111").replaceAll("444444", "222222")).toBe(a);
    expect(a).toContain("P=111111; S=222222");
  });

  it.each([
    ["reap", "kill -s CHLD $P"],
    ["terminate", "kill -s TERM $P"],
    ["kill", "kill -s KILL $P"],
  ] as const)("%s sends exactly %s", (action, text) => {
    expect(buildSignalCommand(input({ action }))).toContain(`o=$(${text} 2>&1)`);
    expect(buildSignalCommand(input({ action, useSudo: true }))).toContain(`o=$(sudo -n ${text} 2>&1)`);
  });

  it.each([
    ["a fraction", { pid: 1.5 }],
    ["NaN", { pid: Number.NaN }],
    ["zero", { pid: 0 }],
    ["negative start", { startTime: -1 }],
    ["text smuggled past the types", { pid: "1; reboot" as unknown as number }],
    ["a quote in a protected name", { protectedNames: ["x'y"] }],
    ["a $ in a protected name", { protectedNames: ["$(id)"] }],
    ["a 16-byte name", { protectedNames: ["abcdefghijklmnop"] }],
  ])("refuses %s", (_, over) => {
    expect(() => buildSignalCommand(input(over))).toThrow();
  });

  it("has no single quote inside its one sh -c word, and a remote time limit", () => {
    const cmd = buildSignalCommand(input());
    expect(cmd.startsWith("LC_ALL=C timeout -k 2 10 sh -c '")).toBe(true);
    expect(cmd.slice(cmd.indexOf("'") + 1, -1)).not.toContain("'");
    expect(buildPollCommand(5, 6)).not.toMatch(/kill/);
  });
});

// The same text run by dash, bash and busybox sh against a real process whose name breaks naive
// parsing; the machine running the tests stands in for a server.
const SHELLS = [["dash"], ["bash"], ["busybox", "sh"]].filter(([s]) => needs(spawnSync("sh", ["-c", `command -v ${s}`]).status === 0));

describe.each(SHELLS)("run by %s", (...shell) => {
  let dir: string;
  let child: ChildProcess;
  let pid: number;
  let startTime: number;
  const run = (cmd: string, asNobody = false) => {
    const text = cmd.replace(" sh -c ", ` ${shell.join(" ")} -c `);
    const argv = asNobody ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c", text] : ["sh", "-c", text];
    const r = spawnSync(argv[0] ?? "sh", argv.slice(1), { encoding: "utf8" });
    return { code: r.status, stdout: r.stdout };
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "reaper-sig-"));
    const odd = path.join(dir, "we) ird) x");
    copyFileSync("/bin/sleep", odd);
    child = spawn(odd, ["60"], { stdio: "ignore" });
    pid = child.pid ?? 0;
    await new Promise((r) => setTimeout(r, 100));
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    startTime = Number(stat.slice(stat.lastIndexOf(") ") + 2).split(" ")[19]);
  });
  afterAll(() => {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("a changed start time: nothing sent, exit 4", () => {
    const r = run(buildSignalCommand(input({ action: "reap", pid, startTime: startTime + 1 })));
    expect(r.code).toBe(EXIT.changed);
    expect(parseSignalReport(r.stdout)).toMatchObject({ ok: true, value: { result: "changed", actualStartTime: startTime, comm: "we) ird) x" } });
  });

  it("a PID that does not exist: exit 3", () => {
    const r = run(buildSignalCommand(input({ pid: 4_194_000, startTime: 1 })));
    expect(r.code).toBe(EXIT.gone);
  });

  it("its name on the protected list: exit 5", () => {
    const r = run(buildSignalCommand(input({ action: "reap", pid, startTime, protectedNames: ["we) ird) x"] })));
    expect([r.code, parseSignalReport(r.stdout)]).toMatchObject([EXIT.protected, { ok: true, value: { result: "protected", reason: "name" } }]);
  });

  it.runIf(needs(process.getuid?.() === 0))("another user's signal: EPERM naming the owner, exit 6", () => {
    const r = run(buildSignalCommand(input({ action: "reap", pid, startTime })), true);
    expect([r.code, parseSignalReport(r.stdout)]).toMatchObject([EXIT.eperm, { ok: true, value: { result: "eperm", owner: { uid: 0, name: "root" } } }]);
  });

  // A server without sudo where useSudo was set by mistake: the command's sudo is not found (exit 127).
  it("sudo missing: reported as a sudo failure, exit 7", () => {
    const r = run(buildSignalCommand(input({ action: "reap", pid, startTime, useSudo: true })).replace("sudo -n kill", "reaper-no-such-sudo -n kill"));
    expect([r.code, parseSignalReport(r.stdout)]).toMatchObject([EXIT.sudoFailed, { ok: true, value: { result: "sudo-failed" } }]);
  });

  // Kernel threads are visible when the tests run outside a pid namespace (a lab server's namespace
  // has its own /proc, without them): this machine stands in for a server that shows them.
  const kthread = spawnSync("sh", ["-c", "ps -e -o pid=,ppid= | awk '$2 == 2 { print $1; exit }'"], { encoding: "utf8" }).stdout.trim();
  it.runIf(needs(/^\d+$/.test(kthread)))("a kernel thread: refused, exit 5", () => {
    const stat = readFileSync(`/proc/${kthread}/stat`, "utf8");
    const start = Number(stat.slice(stat.lastIndexOf(") ") + 2).split(" ")[19]);
    const r = run(buildSignalCommand(input({ pid: Number(kthread), startTime: start })));
    expect([r.code, parseSignalReport(r.stdout)]).toMatchObject([EXIT.protected, { ok: true, value: { result: "protected", reason: "kernel" } }]);
  });

  it("the right process: SIGCHLD sent (harmless to sleep), exit 0, then polled alive", () => {
    const r = run(buildSignalCommand(input({ action: "reap", pid, startTime })));
    expect([r.code, parseSignalReport(r.stdout)]).toMatchObject([EXIT.sent, { ok: true, value: { result: "sent", comm: "we) ird) x", counts: { zombies: 0 } } }]);
    expect(parsePollReport(run(buildPollCommand(pid, startTime)).stdout)).toMatchObject({ ok: true, value: { alive: true, zombies: 0 } });
    expect(parsePollReport(run(buildPollCommand(pid, startTime + 1)).stdout)).toMatchObject({ ok: true, value: { alive: false } });
  });
});
