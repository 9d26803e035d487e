import { mkdir, readFile } from "node:fs/promises";
import net from "node:net";
import { nsenterArgs } from "@/lab/namespace";
import { namespaceProcesses } from "@/lab/proc-scan";
import { runOk, waitFor } from "@/lab/run";

const SSHD = "/usr/sbin/sshd"; // sshd re-executes itself, so it needs its absolute path
const LISTENING = /Server listening on \S+ port (\d+)\./g;
const BIND_FAILED = /Cannot bind any address|Bind to port \d+ on \S+ failed/;

/** `probeHost`: where the host can read sshd's banner; null when only its own network namespace can (a server behind a bastion). */
export type SshdProcess = { nsPid: number; probeHost: string | null };

/** A port that was free a moment ago (sshd's bind may still lose a race; startSshd reports that). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

const countListening = (log: string): number => [...log.matchAll(LISTENING)].length;

export class PortTakenError extends Error {}

/**
 * Waits until sshd has logged "Server listening" for the `previous + 1`-th time (a HUP restart logs it
 * again), fails fast if the bind failed or sshd died, then until its banner is readable.
 */
async function waitUntilListening(logFile: string, offset: number, previous: number, initPid: number, sshd: SshdProcess, port: number): Promise<void> {
  await waitFor(
    async () => {
      const log = (await readFile(logFile, "utf8")).slice(offset);
      if (countListening(log) > previous) return true;
      if (BIND_FAILED.test(log)) throw new PortTakenError(`port ${port} is taken`);
      const alive = (await namespaceProcesses(initPid)).some((p) => p.pid === sshd.nsPid && p.state !== "Z");
      if (!alive) throw new Error(`sshd exited: ${log.trim().slice(-500)}`);
      return undefined;
    },
    5_000,
    async () => `sshd did not start listening on port ${port}: ${(await readFile(logFile, "utf8")).slice(offset).trim().slice(-500)}`,
  );
  const host = sshd.probeHost;
  if (host !== null) await waitFor(() => bannerReadable(host, port), 5_000, async () => `no SSH banner on ${host} port ${port}`);
}

/** Starts sshd inside the namespace as a child of its PID 1, logging to stderr (the lab log). */
export async function startSshd(initPid: number, config: string, logFile: string, probeHost: string | null): Promise<SshdProcess> {
  await mkdir("/run/sshd", { recursive: true, mode: 0o755 }); // privilege separation dir, shared with the namespaces
  const offset = (await readFile(logFile)).length;
  // The shell exits at once so sshd is re-parented to PID 1, as on a real server; $! is its pid there.
  const script = 'log=$1; shift; "$@" </dev/null >/dev/null 2>>"$log" & echo $!';
  const out = await runOk("nsenter", [...nsenterArgs(initPid), "sh", "-c", script, "sh", logFile, SSHD, "-D", "-e", "-f", config]);
  const sshd = { nsPid: Number(out.trim()), probeHost };
  const port = Number(/^Port (\d+)$/m.exec(await readFile(config, "utf8"))?.[1]);
  await waitUntilListening(logFile, offset, 0, initPid, sshd, port);
  return sshd;
}

/** Restarts sshd in place (SIGHUP: it re-executes itself and re-reads config and host keys). */
export async function restartSshd(initPid: number, sshd: SshdProcess, port: number, logFile: string): Promise<void> {
  const before = countListening(await readFile(logFile, "utf8"));
  await runOk("nsenter", [...nsenterArgs(initPid), "kill", "-s", "HUP", String(sshd.nsPid)]);
  await waitUntilListening(logFile, 0, before, initPid, sshd, port);
}

/** True once a TCP connection reads an SSH identification line. */
export function bannerReadable(host: string, port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    let seen = "";
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok ? true : undefined);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("data", (chunk: Buffer) => {
      seen += chunk.toString("latin1");
      if (seen.includes("\n")) done(seen.startsWith("SSH-2.0-"));
    });
    socket.on("end", () => done(false));
  });
}
