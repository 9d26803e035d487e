// What a lab server says about itself, read inside its namespace with the standard tools (pstree,
// ps, /proc files), never through Reaper's scanner: the other side of every integration check.
import type { LabServer } from "@/lab";
import { namespaceProcesses, zombieCounts } from "@/lab/proc-scan";
import { parsePstree, type PstreeNode } from "@/lib/server/scan/parse/parse-pstree";

async function run(lab: LabServer, command: string): Promise<string> {
  const { stdout, stderr, code } = await lab.exec(command);
  if (code !== 0) throw new Error(`${command} exited ${code} in ${lab.name}: ${stderr.trim()}`);
  return stdout;
}

/** `pstree -s PID` (with -p when `withPids`) as a tree; -l because pstree cuts lines at 132 columns. */
export async function pstreeOf(lab: LabServer, pid: number, withPids: boolean): Promise<{ text: string; roots: PstreeNode[] }> {
  const text = await run(lab, `pstree -A -l -s ${withPids ? "-p " : ""}${pid}`);
  const tree = parsePstree(text);
  if (!tree.ok) throw new Error(`pstree output for ${pid} did not parse (${tree.error}):\n${text}`);
  return { text, roots: tree.value };
}

/** With -s pstree prints only the chain down to the process (one child per level), then its subtree. */
export function chainOf(roots: PstreeNode[]): PstreeNode[] {
  const chain: PstreeNode[] = [];
  for (let level: PstreeNode[] = roots; level.length === 1 && level[0]; level = level[0].children) chain.push(level[0]);
  return chain;
}

/** ps's STAT for each PID that still exists. */
export async function statesOf(lab: LabServer, pids: number[]): Promise<Map<number, string>> {
  if (pids.length === 0) return new Map();
  const out = await run(lab, `ps -o pid=,stat= -p ${pids.join(",")}`);
  return new Map(out.split("\n").filter((l) => l.trim() !== "").map((l) => {
    const [pid, stat] = l.trim().split(/\s+/);
    return [Number(pid), stat ?? ""];
  }));
}

/** The live process named `comm` holding zombies, read from the namespace's /proc. */
export async function zombieParentPid(lab: LabServer, comm: string): Promise<number> {
  const procs = await namespaceProcesses(lab.initPid);
  const counts = zombieCounts(procs);
  const found = procs.filter((p) => p.comm === comm && p.state !== "Z" && counts.has(p.pid));
  if (found.length !== 1 || !found[0]) throw new Error(`${lab.name} has ${found.length} zombie parents named ${comm}`);
  return found[0].pid;
}

/** Soft and hard "Max processes" of /proc/PID/limits; null for unlimited. */
export async function nprocLimitOf(lab: LabServer, pid: number): Promise<{ soft: number | null; hard: number | null }> {
  const line = (await run(lab, `cat /proc/${pid}/limits`)).split("\n").find((l) => l.startsWith("Max processes"));
  const [soft, hard] = (line ?? "").replace("Max processes", "").trim().split(/\s+/);
  const value = (v: string | undefined): number | null => (v === "unlimited" ? null : Number(v));
  return { soft: value(soft), hard: value(hard) };
}

/** Processes and tasks (processes plus their threads, what RLIMIT_NPROC counts) of a user in the lab. */
export async function tasksOf(lab: LabServer, user: string): Promise<{ processes: number; threads: number }> {
  const uid = (await run(lab, `id -u ${user}`)).trim();
  // cat, not awk over the files: a process ending mid-read must not stop the count.
  const out = await run(lab, "cat /proc/[0-9]*/status 2>/dev/null | awk '/^Uid:/ { u = $2 } /^Threads:/ { print u, $2 }'");
  const mine = out.split("\n").filter((l) => l.startsWith(`${uid} `));
  return { processes: mine.length, threads: mine.reduce((sum, l) => sum + Number(l.split(" ")[1]), 0) };
}

export type Disposition = "caught" | "ignored" | "blocked" | "default";

/** SIGCHLD (17) is bit 16 of the SigIgn/SigBlk/SigCgt masks in /proc/PID/status. */
export async function sigchldOf(lab: LabServer, pid: number): Promise<{ disposition: Disposition; masks: string }> {
  const masks = await run(lab, `grep -E '^Sig(Ign|Blk|Cgt):' /proc/${pid}/status`);
  const has = (name: string): boolean => {
    const hex = new RegExp(`^${name}:\\s*([0-9a-f]+)$`, "m").exec(masks)?.[1];
    if (hex === undefined) throw new Error(`no ${name} in ${masks}`);
    return (BigInt(`0x${hex}`) & (1n << 16n)) !== 0n;
  };
  const disposition = has("SigIgn") ? "ignored" : has("SigBlk") ? "blocked" : has("SigCgt") ? "caught" : "default";
  return { disposition, masks };
}

/** The pids cgroup of a process (v1 line of /proc/PID/cgroup) and its pids.current and pids.max. */
export async function pidsCgroupOf(lab: LabServer, pid: number): Promise<{ cgroup: string; current: number; max: number | null }> {
  const line = (await run(lab, `cat /proc/${pid}/cgroup`)).split("\n").find((l) => /^\d+:([^:]*,)?pids(,[^:]*)?:/.test(l));
  const cgroup = line?.split(":").slice(2).join(":");
  if (!cgroup) throw new Error(`process ${pid} of ${lab.name} has no pids cgroup`);
  const [current, max] = (await run(lab, `cat /sys/fs/cgroup/pids${cgroup}/pids.current /sys/fs/cgroup/pids${cgroup}/pids.max`)).trim().split("\n");
  return { cgroup, current: Number(current), max: max === "max" ? null : Number(max) };
}

/** Sends SIGCHLD to a process and gives it a moment to act on it. */
export async function sendSigchld(lab: LabServer, pid: number): Promise<void> {
  await run(lab, `kill -s CHLD ${pid}`);
  await new Promise((resolve) => setTimeout(resolve, 200));
}
