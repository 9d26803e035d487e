// Table-driven: hand-made scans, each built to trigger one verdict, and what the triage must say.
import { describe, expect, it } from "vitest";
import type { Parent, ScanData, UserProcesses } from "@/lib/shared/scan/types";
import { buildTriage } from "@/lib/shared/triage/build-triage";
import type { TriageCause } from "@/lib/shared/triage/types";

type Over = { pidsInUse?: number; zombies?: number; zombieUser?: string; load?: number; cpus?: number | null; D?: number; parents?: Partial<Parent>[]; users?: UserProcesses[] };

function scan(o: Over): ScanData {
  const parents = (o.parents ?? []).map((p, i) => ({
    pid: 1000 + i, ppid: 1, state: "S", user: "www-data", startTime: 100, comm: "httpd", args: "", threads: 1, cpu: 0, rssKb: 0,
    zombieCount: 0, zombiePids: [], ancestry: [], pstree: null, sigchld: null, service: null, oldestZombieAgeSeconds: 3600, cgroupPids: null, ...p,
  }));
  return {
    commands: [], notes: [], processes: [], parents,
    zombies: Array.from({ length: o.zombies ?? 0 }, (_, i) => ({ pid: 5000 + i, ppid: 1000, state: "Z", user: o.zombieUser ?? "www-data", startTime: 100, comm: "php", args: "", threads: 1, cpu: 0, rssKb: 0 })),
    summary: { processes: 100, zombies: o.zombies ?? 0, pidsInUse: o.pidsInUse ?? 200, pidMax: 32768, loadAvg: [o.load ?? 0.5, 0.5, 0.5] },
    host: { threadsMax: 100_000, cpus: o.cpus === undefined ? 2 : o.cpus, uptimeSeconds: 5000, clockTicks: 100, states: { S: 90, D: o.D ?? 0 }, topCpu: [{ pid: 77, comm: "php-cgi", user: "www-data", cpu: 97.5, rssKb: 1000 }], topMemory: [], oldestZombieAgeSeconds: o.zombies ? 3600 : null },
    users: o.users ?? [],
  };
}

const cases: { name: string; over: Over; cause: TriageCause; text: string }[] = [
  { name: "a quiet host", over: {}, cause: "none", text: "No process-level cause found." },
  { name: "zombies that are a leak, not a cause", over: { zombies: 12, parents: [{ zombieCount: 12 }] }, cause: "none", text: "12 zombie(s), most of httpd (1000), are a leak to watch" },
  { name: "PID exhaustion by zombies", over: { pidsInUse: 32_000, zombies: 20_000, parents: [{ zombieCount: 20_000, pid: 1234 }] }, cause: "pid-exhaustion-zombies", text: "Likely cause of 503: PID exhaustion by zombies of httpd (1234)." },
  { name: "PID exhaustion by live processes", over: { pidsInUse: 31_000, zombies: 10, parents: [{ zombieCount: 10 }] }, cause: "pid-exhaustion", text: "Likely cause of 503: PID exhaustion. 31,000 of 32,768 PIDs (pid_max) are in use" },
  {
    name: "a zombie parent's systemd service at its TasksMax",
    over: { zombies: 400, parents: [{ zombieCount: 400, service: { kind: "systemd", name: "apache2.service", cgroup: "/system.slice/apache2.service" }, cgroupPids: { cgroup: "/system.slice/apache2.service", current: 498, max: 500 } }] },
    cause: "cgroup-pid-limit", text: "Likely cause of 503: the PID limit of apache2.service (systemd) is nearly used up by zombies of httpd (1000)",
  },
  {
    name: "a shared-hosting user at its ulimit -u",
    over: { zombies: 90, zombieUser: "site42", parents: [{ zombieCount: 90, user: "site42" }], users: [{ user: "site42", processes: 95, threads: 100, limit: 100, limitPid: 1000 }] },
    cause: "user-process-limit", text: "Likely cause of 503: user site42 is at its process limit by zombies of httpd (1000). 100 of 100",
  },
  {
    // Found against a lab server: Apache's master runs as root, its CGI zombies count against the site's user.
    name: "a root master holding a user's zombies at that user's limit",
    over: { zombies: 90, zombieUser: "site42", parents: [{ zombieCount: 90, user: "root" }], users: [{ user: "site42", processes: 95, threads: 100, limit: 100, limitPid: 1001 }] },
    cause: "user-process-limit", text: "Likely cause of 503: user site42 is at its process limit by zombies of httpd (1000). 100 of 100",
  },
  {
    name: "a user at its limit whose own parent's zombies belong to someone else",
    over: { zombies: 90, zombieUser: "www-data", parents: [{ zombieCount: 90, user: "site42" }], users: [{ user: "site42", processes: 95, threads: 100, limit: 100, limitPid: 1000 }] },
    cause: "user-process-limit", text: "Likely cause of 503: user site42 is at its process limit. 100 of 100",
  },
  { name: "root near a limit is not a cause", over: { users: [{ user: "root", processes: 99, threads: 100, limit: 100, limitPid: 1 }] }, cause: "none", text: "No process-level cause found." },
  { name: "CPU overload", over: { load: 9.5, cpus: 2 }, cause: "cpu-overload", text: "Likely cause of 503: CPU overload, load 9.5 on 2 CPUs; the busiest process is php-cgi (77) at 97.5% CPU." },
  { name: "load from tasks stuck in D", over: { load: 30, cpus: 2, D: 25 }, cause: "io-stall", text: "Likely cause of 503: processes stuck waiting on disk or network storage. 25 are in state D" },
  { name: "load with no CPU count is not judged", over: { load: 30, cpus: null }, cause: "none", text: "No process-level cause found." },
];

describe("the 503 verdict", () => {
  for (const c of cases) {
    it(c.name, () => {
      const t = buildTriage(scan(c.over));
      expect(t.verdict.cause).toBe(c.cause);
      expect(t.verdict.text).toContain(c.text);
    });
  }
});

describe("gauges and reap predictions", () => {
  it("says the headroom in words and names each figure's step", () => {
    const t = buildTriage(scan({ pidsInUse: 26_000 }));
    expect(t.gauges.pids).toMatchObject({ level: "warn", limitName: "pid_max", limit: 32768 });
    expect(t.gauges.pids.text).toBe("Little headroom: 6,768 PIDs free, 26,000 of 32,768 PIDs in use (79%, limit pid_max)");
    expect(t.gauges.pids.sources.map((s) => s.step)).toEqual(["stat", "sys", "sys"]);
    expect(t.gauges.load.sources[0]).toEqual({ step: "sys", read: "/proc/loadavg" });
  });

  it.each([
    ["caught", "likely", "httpd catches SIGCHLD: reaping is likely to work"],
    ["default", "cannot", "httpd leaves SIGCHLD at default: reaping cannot work; the parent must end"],
    ["ignored", "cannot", "httpd ignores SIGCHLD"],
    ["blocked", "unlikely", "httpd blocks SIGCHLD"],
    [null, "unknown", "was not read"],
  ] as const)("SIGCHLD %s: reap %s", (sigchld, reap, text) => {
    const [p] = buildTriage(scan({ zombies: 2, parents: [{ zombieCount: 2, sigchld }] })).parents;
    expect(p).toMatchObject({ reap });
    expect(p?.reapText).toContain(text);
  });

  it("gives the oldest zombie's age with its parent", () => {
    const t = buildTriage(scan({ zombies: 2, parents: [{ zombieCount: 2 }] }));
    expect(t.gauges.oldestZombie.text).toBe("The oldest zombie is 1 h old (a child of httpd (1000)): the leak has gone on at least that long");
  });
});
