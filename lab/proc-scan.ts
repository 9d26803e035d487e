import { readdir, readFile, readlink } from "node:fs/promises";

export type NsProcess = { pid: number; ppid: number; state: string; comm: string };

/** Parses /proc/PID/stat: the comm may hold spaces and `)`, so fields are only those after the LAST `)`. */
export function parseStat(text: string): NsProcess | undefined {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return undefined;
  const [state, ppid] = text.slice(close + 2).split(" ");
  if (state === undefined || ppid === undefined) return undefined;
  return { pid: Number(text.slice(0, open).trim()), ppid: Number(ppid), state, comm: text.slice(open + 1, close) };
}

const numericEntries = async (dir: string): Promise<string[]> => (await readdir(dir)).filter((name) => /^\d+$/.test(name));

/**
 * The namespace's processes with their in-namespace pids, read from its own /proc without entering
 * it: /proc/INIT/root leads into the namespace's mount tree, where its procfs is mounted.
 */
export async function namespaceProcesses(initPid: number): Promise<NsProcess[]> {
  const proc = `/proc/${initPid}/root/proc`;
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

/**
 * Host processes that belong to a lab: inside its pid namespace, or with its directory in their
 * command line or working directory (nsenter, unshare, anything started from there).
 */
export async function labLeftovers(namespace: string, labDir: string): Promise<HostProcess[]> {
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
      if (ns === namespace) found.push({ pid, reason: "in the lab's pid namespace" });
      else if (cmdline.includes(labDir)) found.push({ pid, reason: `command line ${cmdline.replace(/\0/g, " ").trim()}` });
      else if (cwd === labDir || cwd.startsWith(`${labDir}/`)) found.push({ pid, reason: `working directory ${cwd}` });
    }),
  );
  return found;
}
