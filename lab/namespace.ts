import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { pidNamespaceOf, setNamespaceProc } from "@/lab/proc-scan";
import { asProcessEnv } from "@/lab/run";
import { STANDARD_PATH } from "@/lab/toolset";

/*
 * PID 1 of a lab namespace starts as this shell. It reads its host pid from the host's procfs before
 * mounting the namespace's own (that is why it mounts /proc itself instead of `unshare --mount-proc`:
 * this machine has no /proc/PID/task/TID/children to find unshare's child; with `proc` "host" it
 * keeps the host's there, see LabServerOptions, and mounts its own in the lab dir for the lab's
 * bookkeeping), bind-mounts the lab's /etc/passwd, reports the pid and becomes the real init. The mount namespace is private (unshare's
 * default propagation), so none of these mounts reach the host.
 */
const INIT_SCRIPT = `
read -r hostpid rest < /proc/self/stat
if [ "$1" = host ]; then mkdir -p "$3" && mount -t proc proc "$3"; else mount -t proc proc /proc; fi
mount --bind "$2" /etc/passwd
shift 3
echo "$hostpid"
exec "$@" >/dev/null
`;

const INITS = {
  tini: ["/usr/bin/tini", "--", "sleep", "infinity"],
  // Never waits for anything, so orphans stay zombies under PID 1.
  "non-reaping": ["sleep", "infinity"],
} as const;

export type InitKind = keyof typeof INITS;

export type Namespace = { initPid: number; pidNamespace: string; unshare: ChildProcess };

const live = new Map<number, string>(); // init host pid -> lab dir

function killLive(): void {
  for (const [pid, dir] of live) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

let exitHookInstalled = false;

/**
 * Starts PID 1 of a new pid + mount namespace. If this Node process dies without stop() the
 * namespace dies too: setpriv makes the kernel SIGKILL unshare when we die, and --kill-child makes it
 * SIGKILL PID 1 in turn, which kills everything in the namespace. The exit hook covers normal exits.
 */
export function startNamespace(labDir: string, passwdFile: string, init: InitKind, logFd: number, netns?: string, proc: "own" | "host" = "own"): Promise<Namespace> {
  if (!exitHookInstalled) {
    process.on("exit", killLive);
    exitHookInstalled = true;
  }
  // Where the namespace's own procfs is, seen from inside it.
  const ownProc = proc === "host" ? path.join(labDir, "ns-proc") : "/proc";
  const args = ["setpriv", "--pdeathsig", "KILL", "--", "unshare", "--pid", "--fork", "--mount", "--kill-child=SIGKILL", "--", "sh", "-c", INIT_SCRIPT, "sh", proc, passwdFile, ownProc, ...INITS[init]];
  // In a network namespace: nsenter joins it and execs setpriv in the same process, so the death signal still holds.
  const [file = "setpriv", ...rest] = netns ? ["nsenter", `--net=/run/netns/${netns}`, "--", ...args] : args;
  const unshare = spawn(file, rest, {
    cwd: labDir,
    env: asProcessEnv({ PATH: STANDARD_PATH.join(":") }),
    stdio: ["ignore", "pipe", logFd],
  });
  // Let Node exit while a lab runs (the exit hook then kills it) instead of hanging a forgetful test run.
  unshare.unref();
  return new Promise((resolve, reject) => {
    let text = "";
    const fail = (why: string): void => reject(new Error(`lab namespace did not start: ${why} (see ${labDir}/lab.log)`));
    unshare.on("error", (error) => fail(error.message));
    unshare.on("exit", (code) => fail(`unshare exited with ${code}`));
    unshare.stdout?.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
      if (!text.includes("\n")) return;
      unshare.stdout?.destroy();
      const initPid = Number(text.trim());
      live.set(initPid, labDir);
      setNamespaceProc(initPid, ownProc);
      pidNamespaceOf(initPid).then((pidNamespace) => {
        if (pidNamespace) resolve({ initPid, pidNamespace, unshare });
        else fail("PID 1 vanished");
      }, reject);
    });
  });
}

/** Arguments for nsenter to run a program inside the namespace (and its PID 1's network namespace: the host's, or the lab network's). */
export const nsenterArgs = (initPid: number): string[] => ["-t", String(initPid), "-n", "-p", "-m", "--"];

/** SIGKILL the namespace's PID 1: the kernel then kills every process in it. */
export function killNamespace(initPid: number): void {
  live.delete(initPid);
  setNamespaceProc(initPid, "/proc");
  try {
    process.kill(initPid, "SIGKILL");
  } catch {
    // already gone
  }
}
