// parseScanOutput beyond the captured fixtures: 50,000 processes, and broken outputs made from a
// real capture, each of which must be refused with the failing step's command named.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDetailsOutput } from "@/lib/server/scan/parse/details-output";
import { parseScanOutput } from "@/lib/server/scan/parse/parse-scan";
import { buildScanCommand } from "@/lib/server/scan/command/scan-command";
import { SCAN_STEPS, type ScanStep } from "@/lib/shared/scan/steps";
import { syntheticScan } from "@/tests/fixtures/procs/synthetic-scan";

describe("a 50,000-process host", () => {
  const { stdout, commands, expected } = syntheticScan(50_000);

  it("is parsed with the right counts, parents and names", () => {
    const result = parseScanOutput(stdout, commands);
    if (!result.ok) throw new Error(result.error.message);
    const scan = result.value;
    expect(scan.summary).toEqual({ processes: 50_000, zombies: expected.zombies, pidsInUse: expected.pidsInUse, pidMax: 4194304, loadAvg: [3.12, 2.8, 2.41] });
    expect(scan.processes).toHaveLength(expected.processes);
    expect(scan.zombies).toHaveLength(expected.zombies);
    expect(scan.parents.map((p) => ({ pid: p.pid, zombieCount: p.zombieCount }))).toEqual(expected.parents);
    expect(scan.parents[0]?.ancestry.map((a) => a.comm)).toEqual(["systemd", "php-fpm: pool www"]);
    expect(new Set(scan.processes.map((p) => p.comm))).toEqual(
      new Set(["systemd", "kthreadd", ...Array.from({ length: 97 }, (_, i) => `kworker/${i + 3}:0-events`), "php-fpm: pool www", "web worker)", "wörker-ü", "new\nline", "back\\slash", "nginx"]),
    );
    expect(scan.notes).toContain("pstree skipped: 50,000 processes would make it cost seconds; ancestry comes from the snapshot's parent PIDs.");
    expect(scan.parents.slice(0, 5).every((p) => p.sigchld === "caught" && p.service?.name === "php8.2-fpm.service" && p.cgroupPids?.max === 200000)).toBe(true);
    expect(scan.parents[5]?.sigchld).toBeNull();
    expect(scan.users?.find((u) => u.user === "www-data")).toMatchObject({ processes: 50_000, limit: 180000, limitPid: 107 });
    // Uptime 86,400.5 s; the oldest zombie started at tick 1110 (pid 110): 11.1 s after boot.
    expect(scan.host?.oldestZombieAgeSeconds).toBe(86389);
    expect(scan.host?.states).toMatchObject({ Z: expected.zombies, I: 97 });
    expect(scan.host?.topCpu).toHaveLength(5);
    expect(scan.triage?.verdict.cause).toBe("none");
  });
});

describe("broken output names the step that failed", () => {
  const captured = readFileSync(join(process.cwd(), "tests/fixtures/procs/scan-dash-procps.txt"), "utf8");
  const { commands } = buildScanCommand();
  const cases: { name: string; stdout: string; step: ScanStep; message: string }[] = [
    { name: "garbage instead of the scan", stdout: "bash: line 1: syntax error\n", step: "sys", message: "markers are missing" },
    { name: "pid_max unreadable", stdout: captured.replace(/^\/proc\/sys\/kernel\/pid_max:.*$/m, ""), step: "sys", message: "pid_max" },
    { name: "loadavg garbled", stdout: captured.replace(/^\/proc\/loadavg:.*$/m, "/proc/loadavg:high"), step: "sys", message: "load averages" },
    { name: "a stat line without fields", stdout: captured.replace(/^1 0 S /m, "1 0 "), step: "stat", message: "line 1 is not" },
    { name: "awk printed nothing", stdout: captured.replace(/@@reaper:stat\n[^@]*/, "@@reaper:stat\n"), step: "stat", message: "read no process" },
    { name: "an unknown marker", stdout: captured.replace("@@reaper:stat\n", "@@reaper:stat\n@@reaper:bogus\n"), step: "stat", message: "unexpected marker" },
    { name: "cut off during stat", stdout: captured.slice(0, captured.indexOf("@@reaper:ps")), step: "stat", message: "stopped during this step" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = parseScanOutput(c.stdout, commands);
      expect(result).toMatchObject({ ok: false, error: { command: commands[SCAN_STEPS.indexOf(c.step)] } });
      if (!result.ok) expect(result.error.message).toContain(c.message);
    });
  }
});

describe("the scan before its details step", () => {
  // The scan command's own output: the captured one without the sections the details step prints.
  const captured = readFileSync(join(process.cwd(), "tests/fixtures/procs/scan-dash-procps.txt"), "utf8");
  const own = captured.replace(/^@@reaper:ps\n[\s\S]*?(?=^@@reaper:parent )/m, "").replace(/^@@reaper:limits [\s\S]*?(?=^@@reaper:end)/m, "");
  const { commands } = buildScanCommand();

  it("is the kernel's view: every process, zombie and parent, with users and command lines unknown until ps has run", () => {
    const scan = parseScanOutput(own, commands);
    const full = parseScanOutput(captured, commands);
    if (!scan.ok || !full.ok) throw new Error("the captured scan did not parse");
    expect(own).not.toMatch(/^@@reaper:(ps|pstree|limits)/m);
    expect(scan.value.summary).toEqual(full.value.summary);
    expect(scan.value.parents.map((p) => [p.pid, p.zombieCount, p.sigchld])).toEqual(full.value.parents.map((p) => [p.pid, p.zombieCount, p.sigchld]));
    expect(scan.value.processes.every((p) => p.user === "?" && p.cpu === null && p.rssKb === null)).toBe(true);
    expect(scan.value.processes.filter((p) => p.args !== "").every((p) => p.args === `[${p.comm}]`)).toBe(true);
    expect(scan.value.users).toEqual([]);
    expect(full.value.users?.length).toBeGreaterThan(0);
  });
});

describe("the details step's output", () => {
  const good = "@@reaper:ps\n    1 root     Ss    0.0 12000 /sbin/init\n@@reaper:limits 1\nMax processes 4242 4242 processes\n@@reaper:end\n";
  it("gives ps's table and the limits read", () => {
    const { ps, pstree } = parseDetailsOutput(good);
    expect(ps).toMatchObject({ kind: "ran", table: { format: "procps", rows: [{ pid: 1, user: "root", args: "/sbin/init" }] } });
    if (ps.kind === "ran") expect([...ps.limits]).toEqual([[1, 4242]]);
    expect(pstree.kind).toBe("none");
  });
  it.each([
    ["cut off", good.replace("@@reaper:end\n", ""), "its output was cut off"],
    ["an unknown marker", good.replace("@@reaper:end", "@@reaper:bogus\n@@reaper:end"), "unexpected marker"],
    ["no ps marker", "@@reaper:end\n", "ps did not run"],
    ["ps printed nothing", "@@reaper:ps\n@@reaper:end\n", "not supported"],
  ])("%s: ps failed, saying why", (_name, stdout, reason) => {
    const { ps } = parseDetailsOutput(stdout);
    expect(ps.kind).toBe("failed");
    if (ps.kind === "failed") expect(ps.reason).toContain(reason);
  });
});
