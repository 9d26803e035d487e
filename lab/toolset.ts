import { mkdir, readdir, symlink } from "node:fs/promises";
import path from "node:path";
import { runOk } from "@/lab/run";

/** Debian's PATH for root; /bin and /sbin are links into /usr on Debian 12 but other machines may differ. */
export const STANDARD_PATH = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

const BUSYBOX = "/usr/bin/busybox";
const isPstree = (name: string): boolean => name.startsWith("pstree");

export type Toolset = { sessionPath: string; loginShell: string };

let applets: Promise<string[]> | undefined;
function busyboxApplets(): Promise<string[]> {
  applets ??= runOk(BUSYBOX, ["--list"]).then((out) => out.split("\n").filter((name) => name !== ""));
  return applets;
}

async function linkAll(dir: string, targets: Map<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all([...targets].map(([name, target]) => symlink(target, path.join(dir, name))));
}

/** Every program on the standard PATH except pstree, as links in one directory (first on PATH wins). */
async function standardWithoutPstree(dir: string): Promise<void> {
  const targets = new Map<string, string>();
  for (const bin of STANDARD_PATH) {
    const names = await readdir(bin).catch(() => []);
    for (const name of names) if (!isPstree(name) && !targets.has(name)) targets.set(name, path.join(bin, name));
  }
  await linkAll(dir, targets);
}

/**
 * The SSH session's tools, changed only through the session's PATH (and, for busybox, the login
 * shell in the namespace's own /etc/passwd), so the host and `exec` keep the real tools.
 */
export async function prepareToolset(labDir: string, toolset: "procps" | "busybox", pstree: boolean): Promise<Toolset> {
  const dirs: string[] = [];
  let loginShell = "/bin/bash";
  if (toolset === "busybox") {
    const dir = path.join(labDir, "busybox-bin");
    const names = (await busyboxApplets()).filter((name) => pstree || !isPstree(name));
    await linkAll(dir, new Map(names.map((name) => [name, BUSYBOX])));
    dirs.push(dir);
    loginShell = path.join(dir, "sh");
  }
  if (pstree) {
    dirs.push(...STANDARD_PATH);
  } else {
    const dir = path.join(labDir, "path-without-pstree");
    await standardWithoutPstree(dir);
    dirs.push(dir);
  }
  return { sessionPath: dirs.join(":"), loginShell };
}
