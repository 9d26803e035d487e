import { readdir, readFile, readlink } from "node:fs/promises";
import { runOk } from "@/lab/run";

/** `startTime`: field 22 of stat, clock ticks after boot, as the scan reports it and actions check it. */
export type NsProcess = { pid: number; ppid: number; state: string; comm: string; startTime: number };

/** Parses /proc/PID/stat: the comm may hold spaces and `)`, so fields are only those after the LAST `)`. */
export function parseStat(text: string): NsProcess | undefined {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return undefined;
  const fields = text.slice(close + 2).split(" ");
  const [state, ppid] = fields;
  if (state === undefined || ppid === undefined) return undefined;
  return { pid: Number(text.slice(0, open).trim()), ppid: Number(ppid), state, comm: text.slice(open + 1, close), startTime: Number(fields[19]) };
}

const numericEntries = async (dir: string): Promise<string[]> => (await readdir(dir)).filter((name) => /^\d+$/.test(name));

/** Where each namespace's own procfs is mounted inside it, when not on /proc (a lab with the host's /proc). */
const ownProcs = new Map<number, string>();

export function setNamespaceProc(initPid: number, dir: string): void {
  if (dir === "/proc") ownProcs.delete(initPid);
  else ownProcs.set(initPid, dir);
}

/**
 * The namespace's processes with their in-namespace pids, read from its own /proc without entering
 * it: /proc/INIT/root leads into the namespace's mount tree, where its procfs is mounted.
 */
export async function namespaceProcesses(initPid: number): Promise<NsProcess[]> {
  const proc = `/proc/${initPid}/root${ownProcs.get(initPid) ?? "/proc"}`;
  const stats = await Promise.all(
    (await numericEntries(proc)).map((pid) => readFile(`${proc}/${pid}/stat`, "utf8").then(parseStat, () => undefined)),
  );
  return stats.filter((p): p is NsProcess => p !== undefined);
}

/** Zombie children per live parent pid. */
export function zombieCounts(processes: readonly NsProcess[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const p of processes) if (p.state === "Z") counts.set(p.ppid, (counts.get(p.ppid) ?? 0) + 1);
  return counts;
}

/** The `pid:[inode]` identity of a process's pid namespace, or undefined once it is gone. */
export const pidNamespaceOf = (hostPid: number): Promise<string | undefined> => readlink(`/proc/${hostPid}/ns/pid`).catch(() => undefined);

export type HostProcess = { pid: number; reason: string };

let clockTicks: Promise<number> | undefined;

/** Now, in clock ticks since boot: the unit of a process's start time (field 22 of /proc/PID/stat). */
export async function ticksSinceBoot(): Promise<number> {
  clockTicks ??= runOk("getconf", ["CLK_TCK"]).then((out) => Number(out.trim()) || 100);
  const [uptime, hz] = await Promise.all([readFile("/proc/uptime", "utf8"), clockTicks]);
  return Math.floor(Number(uptime.split(" ")[0]) * hz);
}

async function startTicks(pid: number): Promise<number | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  const start = Number(text.slice(text.lastIndexOf(")") + 2).split(" ")[19]);
  return Number.isFinite(start) ? start : undefined;
}

/**
 * Host processes that belong to a lab: inside its pid namespace, or with its directory in their
 * command line or working directory (nsenter, unshare, anything started from there).
 * `startedBy` (ticks since boot): the kernel gives a freed namespace's identity (`pid:[inode]`) to the
 * next one made, often another lab's moments later; a process started after that moment is not in
 * the lab's namespace, whatever its identity says, because a dying namespace makes no new processes.
 */
export async function labLeftovers(namespace: string, labDir: string, startedBy?: number): Promise<HostProcess[]> {
  const found: HostProcess[] = [];
  await Promise.all(
    (await numericEntries("/proc")).map(async (entry) => {
      const pid = Number(entry);
      if (pid === process.pid) return;
      const [ns, cmdline, cwd] = await Promise.all([
        pidNamespaceOf(pid),
        readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => ""),
        readlink(`/proc/${pid}/cwd`).catch(() => ""),
      ]);
      if (ns === namespace) {
        const start = startedBy === undefined ? undefined : await startTicks(pid);
        if (start === undefined || startedBy === undefined || start <= startedBy) found.push({ pid, reason: "in the lab's pid namespace" });
      }
      else if (cmdline.includes(labDir)) found.push({ pid, reason: `command line ${cmdline.replace(/\0/g, " ").trim()}` });
      else if (cwd === labDir || cwd.startsWith(`${labDir}/`)) found.push({ pid, reason: `working directory ${cwd}` });
    }),
  );
  return found;
}
