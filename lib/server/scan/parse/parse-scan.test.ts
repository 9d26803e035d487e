// parseScanOutput beyond the captured fixtures: 50,000 processes, and broken outputs made from a
// real capture, each of which must be refused with the failing step's command named.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
    { name: "ps printed nothing", stdout: captured.replace(/@@reaper:ps\n[^@]*/, "@@reaper:ps\n"), step: "ps", message: "not supported" },
    { name: "ps marker missing", stdout: captured.replace("@@reaper:ps\n", ""), step: "ps", message: "did not run" },
    { name: "an unknown marker", stdout: captured.replace("@@reaper:ps\n", "@@reaper:ps\n@@reaper:bogus\n"), step: "ps", message: "unexpected marker" },
    { name: "cut off during ps", stdout: captured.slice(0, captured.indexOf("@@reaper:pstree")), step: "ps", message: "stopped during this step" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = parseScanOutput(c.stdout, commands);
      expect(result).toMatchObject({ ok: false, error: { command: commands[SCAN_STEPS.indexOf(c.step)] } });
      if (!result.ok) expect(result.error.message).toContain(c.message);
    });
  }
});
