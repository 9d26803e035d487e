// Runs the real scan command and then the details command on this machine, as sshd would
// (`SHELL -c command`), with real zombies made for the test: under dash (mawk, procps-ng ps,
// pstree), bash, and busybox alone.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePstree, pstreeAncestry } from "@/lib/server/scan/parse/parse-pstree";
import { parseScanOutput } from "@/lib/server/scan/parse/parse-scan";
import { buildDetailsCommand } from "@/lib/server/scan/command/details-command";
import { buildScanCommand } from "@/lib/server/scan/command/scan-command";
import { withPs } from "@/lib/server/scan/parse/attach-ps";
import { withPstree } from "@/lib/server/scan/parse/attach-pstree";
import { parseDetailsOutput } from "@/lib/server/scan/parse/details-output";
import { needs } from "@/tests/support/needs";

const run = promisify(execFile);
const BUSYBOX = "/usr/bin/busybox";
const tmp = mkdtempSync(join(tmpdir(), "reaper-scan-"));
const bb = join(tmp, "bb");
let parent: ChildProcess;
let caught: ChildProcess;
let nobody: ChildProcess;

const zombieChildren = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
    .split(" ")
    .filter(Boolean)
    .map(Number)
    .filter((c) => /\) Z /.test(readFileSync(`/proc/${c}/stat`, "utf8")));

beforeAll(async () => {
  symlinkSync("/usr/bin/dash", join(tmp, "rpr-zparent"));
  mkdirSync(bb);
  for (const applet of ["sh", "awk", "ps", "timeout", "grep", "cat", "nproc"]) symlinkSync(BUSYBOX, join(bb, applet));
  // dash does not reap while blocked in `read`: three zombies until stdin closes, then `wait` reaps them.
  parent = spawn(join(tmp, "rpr-zparent"), ["-c", "sleep 0.05 & sleep 0.05 & sleep 0.05 & read x; wait"], {
    stdio: ["pipe", "ignore", "ignore"],
  });
  const pid = parent.pid ?? 0;
  // sleep keeps the zombies of the shell it replaced, with SIGCHLD at default; python3 installs a
  // handler that never waits (caught); a root-only test user with a low process limit.
  caught = spawn("/usr/bin/python3", ["-c", "import os, signal, time\nsignal.signal(signal.SIGCHLD, lambda *a: None)\nfor _ in range(4):\n    if os.fork() == 0: os._exit(0)\ntime.sleep(300)"], { stdio: "ignore" });
  nobody = spawn("prlimit", ["--nproc=4242:4242", "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/sleep", "300"], { stdio: "ignore" });
  for (let i = 0; i < 100 && (zombieChildren(pid).length < 3 || zombieChildren(caught.pid ?? 0).length < 4); i++) await new Promise((r) => setTimeout(r, 20));
  expect(zombieChildren(pid)).toHaveLength(3);
  expect(zombieChildren(caught.pid ?? 0)).toHaveLength(4);
});

afterAll(async () => {
  const exited = new Promise((r) => parent.once("exit", r));
  parent.stdin?.end();
  caught.kill();
  nobody.kill();
  await exited;
  rmSync(tmp, { recursive: true });
});

const shells: { name: string; shell: string; env: NodeJS.ProcessEnv; busybox: boolean }[] = [
  { name: "dash with mawk, procps-ng ps and pstree", shell: "/bin/sh", env: process.env, busybox: false },
  { name: "bash", shell: "/bin/bash", env: process.env, busybox: false },
  { name: "busybox ash, awk and ps alone on PATH", shell: join(bb, "sh"), env: { ...process.env, PATH: bb }, busybox: true },
];

describe("the scan command on this machine", () => {
  for (const { name, shell, env, busybox } of shells) {
    it.runIf(needs(!busybox || existsSync(BUSYBOX)))(`runs and parses under ${name}`, async () => {
      // Every zombie parent gets its facts read (the default is the top 5), so other zombie parents
      // on this machine cannot crowd ours out of the checks below.
      const { command, commands } = buildScanCommand({ pstreeParents: 50 });
      const { stdout } = await run(shell, ["-c", command], { env, maxBuffer: 64 << 20 });
      const result = parseScanOutput(stdout, commands);
      if (!result.ok) throw new Error(`${result.error.message} (command: ${result.error.command})`);
      // The scan's own processes (timeout, its shells, ps, awk) are not in the picture.
      expect(result.value.processes.filter((p) => p.ppid === process.pid).map((p) => p.comm)).not.toContain("timeout");
      // Before the details step: the kernel's view, users and command lines unknown.
      expect(result.value.processes.find((p) => p.pid === process.pid)).toMatchObject({ comm: "node", user: "?", args: "" });
      // Then the details step, as the app sends it once the scan has answered.
      const details = buildDetailsCommand(result.value.parents.slice(0, 50).map((p) => p.pid), { timeoutSeconds: 30 });
      const out = await run(shell, ["-c", details.command], { env, maxBuffer: 64 << 20 });
      const { ps, pstree } = parseDetailsOutput(out.stdout);
      expect(ps.kind).toBe("ran");
      const scan = withPstree(withPs(result.value, ps), pstree);
      expect(scan.processes.find((p) => p.pid === process.pid)?.args).toContain("node");
      expect(scan.parents.find((p) => p.pid === parent.pid)?.args).toContain("rpr-zparent");
      const ours = scan.parents.find((p) => p.pid === parent.pid);
      expect(ours).toMatchObject({ comm: "rpr-zparent", zombieCount: 3, state: "S" });
      expect(ours?.zombiePids).toHaveLength(3);
      expect(ours?.ancestry.at(-1)).toEqual({ pid: parent.pid, comm: "rpr-zparent" });
      expect(ours?.ancestry[0]?.pid).toBe(1);
      expect(scan.processes.find((p) => p.pid === process.pid)?.comm).toBe("node");
      expect(scan.processes.find((p) => p.pid === 2)?.args).toBe("[kthreadd]");
      // dash catches SIGCHLD while it has background jobs; python3's handler too.
      expect(ours).toMatchObject({ sigchld: "caught", uid: process.getuid?.() });
      expect(ours?.service?.kind).toMatch(/^(systemd|container|cgroup)$/);
      expect(ours?.oldestZombieAgeSeconds).toBeGreaterThanOrEqual(0);
      expect(ours?.oldestZombieAgeSeconds).toBeLessThan(60);
      expect(scan.parents.find((p) => p.pid === caught.pid)).toMatchObject({ sigchld: "caught", zombieCount: 4 });
      expect(scan.host?.states.Z).toBeGreaterThanOrEqual(7);
      expect(scan.host?.uptimeSeconds).toBeGreaterThan(0);
      // The scan reads the file getconf reads, without running getconf.
      expect(scan.host?.cpus).toBe(Number((await run("getconf", ["_NPROCESSORS_ONLN"])).stdout.trim()));
      if (process.getuid?.() === 0) expect(scan.users?.find((u) => u.user === "nobody")).toMatchObject({ limit: 4242, limitPid: nobody.pid });
      expect(scan.triage?.verdict.text).toMatch(/^(Likely cause of 503: |No process-level cause found)/);
      expect(scan.triage?.parents.find((p) => p.pid === caught.pid)?.reapText).toContain("catches SIGCHLD: reaping is likely to work");
      if (busybox) {
        expect(ours?.pstree).toBeNull();
        expect(scan.notes.join(" ")).toContain("pstree is not installed");
        expect(scan.processes.every((p) => p.cpu === null && p.rssKb === null)).toBe(true);
      } else if (ours && existsSync("/usr/bin/pstree")) {
        const tree = parsePstree(ours.pstree ?? "");
        if (!tree.ok) throw new Error(tree.error);
        expect(pstreeAncestry(tree.value, ours.pid)).toEqual(ours.ancestry);
      }
    });
  }
});
