import { existsSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer, type LabServerOptions } from "@/lab";
import { planScenario } from "@/lab/scenarios";
import { sendSigchld, nprocLimitOf, pidsCgroupOf, sigchldOf, zombieParentPid } from "@/tests/lab/lab-truth";

// The per-parent options the triage scenarios need: another account, RLIMIT_NPROC, live workers,
// SIG_IGN for SIGCHLD and a cgroup PID limit, each checked on the running server.
const started: LabServer[] = [];
async function lab(opts: LabServerOptions): Promise<LabServer> {
  const server = await startLabServer(opts);
  started.push(server);
  return server;
}
afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
});

type Row = { pid: number; ppid: number; stat: string; user: string; comm: string };
async function table(server: LabServer): Promise<Row[]> {
  const { stdout } = await server.exec("ps -A -o pid=,ppid=,stat=,user:32=,comm=");
  return stdout
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), stat: m[3] ?? "", user: m[4] ?? "", comm: m[5] ?? "" }));
}

describe("a parent run as the lab user with a low RLIMIT_NPROC", () => {
  it("owns its zombies and live workers, all under the limit the server reports", async () => {
    const server = await lab({
      scenario: { parents: [{ comm: "php-cgi", zombies: 20, childComm: "php", liveChildren: 3, user: "reaperlab", nprocLimit: { soft: 60, hard: 80 } }, { comm: "httpd", zombies: 2 }] },
    });
    const pid = await zombieParentPid(server, "php-cgi");
    const rows = await table(server);
    const family = rows.filter((r) => r.pid === pid || r.ppid === pid);
    expect(family.map((r) => r.user)).toEqual(Array(24).fill("reaperlab"));
    expect(family.filter((r) => r.stat.startsWith("Z")).map((r) => r.comm)).toEqual(Array(20).fill("php"));
    const workers = family.filter((r) => r.ppid === pid && !r.stat.startsWith("Z"));
    expect(workers.map((r) => r.comm)).toEqual(["php-cgi", "php-cgi", "php-cgi"]);
    for (const p of [pid, ...workers.map((r) => r.pid)]) expect(await nprocLimitOf(server, p)).toEqual({ soft: 60, hard: 80 });
    // Dumpable again after the uid change, like a server exec'd as its user: its /proc files are its own.
    expect((await server.exec(`stat -c %U /proc/${pid}/status`)).stdout.trim()).toBe("reaperlab");
    expect(rows.find((r) => r.comm === "httpd" && !r.stat.startsWith("Z"))?.user).toBe("root");
    expect(server.expected.parents.find((p) => p.comm === "php-cgi")).toMatchObject({ user: "reaperlab", liveChildren: 3, nprocLimit: { soft: 60, hard: 80 } });
    expect(server.expected.parents.find((p) => p.comm === "httpd")).toMatchObject({ user: "root", nprocLimit: null });
  });
});

describe("SIGCHLD set to SIG_IGN after the zombies exist", () => {
  it("shows in SigIgn and keeps the zombies through a SIGCHLD", async () => {
    const server = await lab({ scenario: { parents: [{ comm: "ignorer", zombies: 3, childComm: "child", onSigchld: "ignore" }] } });
    const pid = await zombieParentPid(server, "ignorer");
    expect((await sigchldOf(server, pid)).disposition).toBe("ignored");
    await sendSigchld(server, pid);
    expect((await table(server)).filter((r) => r.ppid === pid && r.stat.startsWith("Z"))).toHaveLength(3);
  });
});

describe("a parent in a cgroup with pids.max", () => {
  it("charges the parent and its children to the cgroup, and stop removes it", async () => {
    const server = await lab({ scenario: { parents: [{ comm: "php-fpm", zombies: 10, liveChildren: 2, pidsMax: 15 }] } });
    const pid = await zombieParentPid(server, "php-fpm");
    const cgroup = await pidsCgroupOf(server, pid);
    expect(cgroup).toMatchObject({ current: 13, max: 15 });
    expect(cgroup.cgroup).toMatch(/^\/reaper-lab-[^/]+\/parent-0$/);
    const dir = `/sys/fs/cgroup/pids${cgroup.cgroup}`;
    expect(existsSync(dir)).toBe(true);
    await server.stop();
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(`/sys/fs/cgroup/pids${cgroup.cgroup.replace(/\/parent-0$/, "")}`)).toBe(false);
  });
});

describe("planScenario refuses options the helper could not honour", () => {
  it.each([
    ["pidsMax below zombies + live children + 2", { comm: "a", zombies: 10, liveChildren: 2, pidsMax: 13 }, /pidsMax/],
    ["a soft limit above the hard one", { comm: "a", zombies: 1, nprocLimit: { soft: 50, hard: 40 } }, /soft 50 above hard 40/],
    ["a negative live child count", { comm: "a", zombies: 1, liveChildren: -1 }, /liveChildren/],
  ])("%s", (_, parent, message) => {
    expect(() => planScenario({ parents: [parent] })).toThrow(message);
  });
});

describe("a root parent whose children switch to the lab user (Apache's master and its workers)", () => {
  it("keeps the parent root and makes the zombies and workers reaperlab's", async () => {
    const server = await lab({ scenario: { parents: [{ comm: "httpd", zombies: 5, childComm: "php5.cgi", liveChildren: 2, childUser: "reaperlab", nprocLimit: 60 }] } });
    const pid = await zombieParentPid(server, "httpd");
    const rows = await table(server);
    expect(rows.find((r) => r.pid === pid)?.user).toBe("root");
    expect(rows.filter((r) => r.ppid === pid).map((r) => `${r.user} ${r.stat.slice(0, 1)}`).sort()).toEqual([...Array(2).fill("reaperlab S"), ...Array(5).fill("reaperlab Z")]);
    for (const worker of rows.filter((r) => r.ppid === pid && !r.stat.startsWith("Z"))) expect((await nprocLimitOf(server, worker.pid)).soft).toBe(60);
  });

  it("refuses a child account for a parent that is not root", () => {
    expect(() => planScenario({ parents: [{ comm: "a", zombies: 1, user: "reaperlab", childUser: "root" }] })).toThrow(/needs a parent run as root/);
  });
});

describe("a chosen command line and a zombie name longer than the kernel keeps", () => {
  it("runs under those exact bytes, and its zombies carry the name's first 15 bytes", async () => {
    const invalid = Uint8Array.from([0x62, 0xff, 0xfe, 0xc3, 0x28]);
    const server = await lab({
      scenario: { parents: [{ comm: "argv-parent", zombies: 2, childComm: "</a>x\u202Eabcdeféé", argv: ["<b>one</b>", invalid, "x".repeat(4096)] }] },
    });
    const pid = await zombieParentPid(server, "argv-parent");
    const cmdline = (await server.exec(`od -An -v -tx1 /proc/${pid}/cmdline | tr -d ' \\n'`)).stdout;
    expect(Buffer.from(cmdline, "hex")).toEqual(Buffer.concat([Buffer.from("<b>one</b>\0"), invalid, Buffer.from(`\0${"x".repeat(4096)}\0`)]));
    const zombie = (await table(server)).find((r) => r.ppid === pid && r.stat.startsWith("Z"));
    const comm = (await server.exec(`od -An -v -tx1 /proc/${zombie?.pid}/comm | tr -d ' \\n'`)).stdout;
    // 15 bytes, the last one the first half of an "é".
    expect(Buffer.from(comm, "hex")).toEqual(Buffer.concat([Buffer.from("</a>x\u202Eabcdef"), Buffer.from([0xc3, 0x0a])]));
    expect(server.expected.parents[0]?.childComm).toBe("</a>x\u202Eabcdef\uFFFD");
  });

  it("refuses a NUL in an argument, an empty argv and a name past 64 bytes", () => {
    expect(() => planScenario({ parents: [{ comm: "p", zombies: 1, argv: ["a\0b"] }] })).toThrow(/without NUL/);
    expect(() => planScenario({ parents: [{ comm: "p", zombies: 1, argv: [] }] })).toThrow(/1 or more arguments/);
    expect(() => planScenario({ parents: [{ comm: "p", zombies: 1, childComm: "z".repeat(65) }] })).toThrow(/1-64 bytes/);
  });
});
