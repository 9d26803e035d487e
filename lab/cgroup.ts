import { access, mkdir, readdir, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { waitFor } from "@/lab/run";

/*
 * A cgroup PID limit for one lab parent, the limit containers and systemd slices hit. The lab shares
 * the host's cgroup namespace, so the scan inside it reads the same /sys/fs/cgroup and the same path
 * in /proc/PID/cgroup. Only the v1 pids controller is supported: that is what this machine has
 * (cgroup v2 here is the hybrid "unified" tree without controllers), and an unexercised v2 path would
 * be a guess.
 */
const PIDS_V1 = "/sys/fs/cgroup/pids";

/** The lab's own folder in the pids hierarchy, named after its temp dir so that labs never share one. */
const labFolder = (labDir: string): string => path.join(PIDS_V1, path.basename(labDir));

/** Makes `<lab>/parent-N` with the given pids.max; returns its cgroup.procs, which the helper joins. */
export async function makePidsCgroup(labDir: string, index: number, pidsMax: number): Promise<string> {
  await access(path.join(PIDS_V1, "cgroup.procs")).catch(() => {
    throw new Error(`pidsMax needs the cgroup v1 pids controller at ${PIDS_V1}, which this machine does not have`);
  });
  const dir = path.join(labFolder(labDir), `parent-${index}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "pids.max"), String(pidsMax));
  return path.join(dir, "cgroup.procs");
}

/** Removes the lab's cgroups once its processes are gone (a cgroup with tasks refuses rmdir: EBUSY). */
export async function removeLabCgroups(labDir: string): Promise<void> {
  const folder = labFolder(labDir);
  const leaves = await readdir(folder, { withFileTypes: true }).catch(() => undefined);
  if (!leaves) return;
  const dirs = [...leaves.filter((e) => e.isDirectory()).map((e) => path.join(folder, e.name)), folder];
  for (const dir of dirs) {
    await waitFor(
      () => rmdir(dir).then(() => true, (error: unknown) => (error instanceof Error && "code" in error && error.code === "EBUSY" ? undefined : Promise.reject(error))),
      5_000,
      async () => `the lab's cgroup ${dir} still holds processes`,
    );
  }
}
