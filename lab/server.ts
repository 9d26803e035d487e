import { appendFile, mkdir, mkdtemp, open, readFile, rm, symlink, writeFile, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensurePasswordUser, labPasswd, PASSWORD_USER } from "@/lab/accounts";
import { fingerprintOfPublicKey, replaceHostKey, writeKeyPair } from "@/lab/keys";
import { labProcBinary } from "@/lab/lab-proc";
import { removeLabCgroups } from "@/lab/cgroup";
import { launchScenario, unitsDirOf } from "@/lab/launch";
import { killNamespace, nsenterArgs, startNamespace, type Namespace } from "@/lab/namespace";
import { labLeftovers, namespaceProcesses, ticksSinceBoot, zombieCounts, type NsProcess } from "@/lab/proc-scan";
import { run, waitFor } from "@/lab/run";
import { planScenario, type ScenarioPlan } from "@/lab/scenarios";
import { sshdConfig } from "@/lab/sshd-config";
import { freePort, PortTakenError, restartSshd, startSshd, type SshdProcess } from "@/lab/sshd";
import { prepareToolset, STANDARD_PATH } from "@/lab/toolset";
import type { ExpectedScan, LabServer, LabServerOptions } from "@/lab/types";
import { removeUnitCgroups, systemctlStandIn } from "@/lab/units";

const PORT_ATTEMPTS = 5;

type Files = { dir: string; log: string; bin: string; hostKey: string; authorizedKeys: string; clientKey: string; passwd: string; config: string };

const filesIn = (dir: string): Files => ({
  dir,
  log: path.join(dir, "lab.log"),
  bin: path.join(dir, "bin"),
  hostKey: path.join(dir, "ssh_host_ed25519_key"),
  authorizedKeys: path.join(dir, "authorized_keys"),
  clientKey: path.join(dir, "client_ed25519"),
  passwd: path.join(dir, "passwd"),
  config: path.join(dir, "sshd_config"),
});

/** Keys, accounts, tools and the scenario's executables (symlinks to the helper, named like the processes). */
async function prepareFiles(f: Files, plan: ScenarioPlan, opts: LabServerOptions): Promise<{ sessionPath: string }> {
  const [binary, toolset] = await Promise.all([
    labProcBinary(),
    prepareToolset(f.dir, opts.toolset ?? "procps", opts.pstree ?? true),
    writeKeyPair(f.hostKey, "ed25519"),
    writeKeyPair(f.clientKey, "ed25519"),
    ensurePasswordUser(),
    mkdir(f.bin),
  ]);
  await Promise.all(plan.pieces.map((piece) => symlink(binary, path.join(f.bin, piece.name)).catch(ignoreExisting)));
  await writeFile(f.passwd, await labPasswd(path.join(f.dir, "root-home"), toolset.loginShell));
  if (opts.rcFile !== undefined) await writeFile(path.join(f.dir, "root-home", ".bashrc"), opts.rcFile);
  await writeFile(f.authorizedKeys, authorizedKeyLine(await readFile(`${f.clientKey}.pub`, "utf8"), opts.forcedCommand));
  const sudoDir = opts.sudo ? await writeSudoShim(f.dir, opts.sudo) : undefined;
  const systemdDir = (opts.scenario?.units ?? []).length > 0 ? await writeSystemctl(f.dir) : undefined;
  const standInDir = opts.standIns ? await writeStandIns(f.dir, opts.standIns) : undefined;
  const first = [standInDir, sudoDir, systemdDir].filter((d): d is string => d !== undefined);
  return { sessionPath: [...first, toolset.sessionPath].join(":") };
}

/** The stand-in systemctl first on the session's PATH: systemd does not run in the lab (see units.ts). */
async function writeSystemctl(labDir: string): Promise<string> {
  const dir = path.join(labDir, "systemd-bin");
  await mkdir(dir);
  await writeFile(path.join(dir, "systemctl"), systemctlStandIn(unitsDirOf(labDir)), { mode: 0o755 });
  return dir;
}

const SUDO_SHIMS = {
  passwordless: '#!/bin/sh\n[ "$1" = -n ] && shift\nexec "$@"\n',
  "password-required": "#!/bin/sh\necho 'sudo: a password is required' >&2\nexit 1\n",
} as const;

/** A stand-in sudo (the lab machine has none): enough to see how Reaper's sudo path behaves. */
async function writeSudoShim(labDir: string, kind: keyof typeof SUDO_SHIMS): Promise<string> {
  const dir = path.join(labDir, "sudo-bin");
  await mkdir(dir);
  await writeFile(path.join(dir, "sudo"), SUDO_SHIMS[kind], { mode: 0o755 });
  return dir;
}

/** The client key's authorized_keys line, restricted to a forced command as the README shows, when one is given. */
function authorizedKeyLine(publicKey: string, forcedCommand: string | undefined): string {
  if (forcedCommand === undefined) return publicKey;
  if (!/^\/[A-Za-z0-9._\/-]+$/.test(forcedCommand)) throw new Error(`not an absolute path without spaces or quotes: ${forcedCommand}`);
  return `command="${forcedCommand}",no-pty,no-port-forwarding,no-agent-forwarding,no-X11-forwarding ${publicKey}`;
}

/** The test's own scripts first on the session's PATH (a `ps` that hangs or floods, a slow `sudo`). */
async function writeStandIns(labDir: string, scripts: Record<string, string>): Promise<string> {
  const dir = path.join(labDir, "stand-in-bin");
  await mkdir(dir);
  for (const [name, script] of Object.entries(scripts)) {
    if (!/^[a-z][a-z0-9_.-]*$/.test(name)) throw new Error(`not a program name for a stand-in: ${name}`);
    await writeFile(path.join(dir, name), script.startsWith("#!") ? script : `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  }
  return dir;
}

function ignoreExisting(error: unknown): void {
  if (!(error instanceof Error && "code" in error && error.code === "EEXIST")) throw error;
}

async function logTail(f: Files): Promise<string> {
  return (await readFile(f.log, "utf8").catch(() => "")).trim().slice(-1_000);
}

async function launch(f: Files, plan: ScenarioPlan, initPid: number, logFd: number): Promise<void> {
  if (!(await launchScenario(f.dir, f.bin, plan, initPid, logFd))) throw new Error(`lab scenario failed to start: ${await logTail(f)}`);
}

/** Does the namespace hold exactly the expected zombies, under live parents with the expected names? */
export function matchesExpected(processes: readonly NsProcess[], expected: ExpectedScan): boolean {
  const counts = zombieCounts(processes);
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  if (total !== expected.zombies) return false;
  const layout = (pairs: { comm: string; zombies: number }[]): string =>
    pairs
      .map((p) => `${p.zombies}\0${p.comm}`)
      .sort()
      .join("\n");
  const actual = processes.filter((p) => p.state !== "Z" && counts.has(p.pid)).map((p) => ({ comm: p.comm, zombies: counts.get(p.pid) ?? 0 }));
  return layout(actual) === layout(expected.parents);
}

type Listen = { address: string; probeHost: string | null };

/** 127.0.0.1 on the host; in a lab network, its veth address (reachable from the host) or its own loopback (not). */
function listenOf(opts: LabServerOptions): Listen {
  const network = opts.network;
  if (!network) return { address: "127.0.0.1", probeHost: "127.0.0.1" };
  return network.listen === "veth" ? { address: network.net.nsAddress, probeHost: network.net.nsAddress } : { address: "127.0.0.1", probeHost: null };
}

async function startSshdOnSomePort(f: Files, initPid: number, sessionPath: string, fixedPort: number | undefined, listen: Listen): Promise<{ port: number; sshd: SshdProcess }> {
  for (let attempt = 1; ; attempt++) {
    // A port free on the host too: a server behind a bastion must refuse a direct connection, not meet another service.
    const port = fixedPort ?? (await freePort());
    await writeFile(f.config, sshdConfig({ port, listenAddress: listen.address, hostKey: f.hostKey, authorizedKeys: f.authorizedKeys, sessionPath }));
    try {
      return { port, sshd: await startSshd(initPid, f.config, f.log, listen.probeHost) };
    } catch (error) {
      // Another process took the free port between our probe and sshd's bind: try another one.
      if (!(error instanceof PortTakenError) || fixedPort !== undefined || attempt === PORT_ATTEMPTS) throw error;
    }
  }
}

async function stopLab(f: Files, ns: Namespace | undefined, log: FileHandle): Promise<void> {
  if (ns) {
    // Every process of the namespace started before this: none are made once its PID 1 is killed.
    const startedBy = await ticksSinceBoot();
    killNamespace(ns.initPid);
    const { unshare } = ns;
    await waitFor(async () => (unshare.exitCode !== null || unshare.signalCode !== null ? true : undefined), 10_000, async () => "unshare did not exit");
    await waitFor(
      async () => ((await labLeftovers(ns.pidNamespace, f.dir, startedBy)).length === 0 ? true : undefined),
      10_000,
      async () => `lab processes left behind: ${JSON.stringify(await labLeftovers(ns.pidNamespace, f.dir, startedBy))}`,
    );
  }
  await removeLabCgroups(f.dir);
  await removeUnitCgroups(f.dir);
  await log.close();
  await rm(f.dir, { recursive: true, force: true });
}

/** Starts an OpenSSH server with the scenario's zombies in a fresh pid namespace; see index.ts. */
export async function startLabServer(opts: LabServerOptions = {}): Promise<LabServer> {
  const plan = planScenario(opts.scenario);
  const f = filesIn(await mkdtemp(path.join(tmpdir(), "reaper-lab-")));
  const log = await open(f.log, "a");
  let ns: Namespace | undefined;
  try {
    if (/\s/.test(f.dir)) throw new Error(`the lab's temp dir must not contain spaces (sshd_config): ${f.dir}`);
    const { sessionPath } = await prepareFiles(f, plan, opts);
    ns = await startNamespace(f.dir, f.passwd, opts.init ?? "tini", log.fd, opts.network?.net.name, opts.proc);
    const initPid = ns.initPid;
    const listen = listenOf(opts);
    const [{ port, sshd }] = await Promise.all([startSshdOnSomePort(f, initPid, sessionPath, opts.port, listen), launch(f, plan, initPid, log.fd)]);
    await waitFor(
      async () => (matchesExpected(await namespaceProcesses(initPid), plan.expected) ? true : undefined),
      5_000,
      async () => `lab zombies never matched ${JSON.stringify(plan.expected)}: ${await logTail(f)}`,
    );
    return labServer(f, ns, log, plan.expected, { host: listen.address, port }, sshd, opts.name ?? `lab-${port}`);
  } catch (error) {
    await stopLab(f, ns, log).catch(() => undefined);
    throw error;
  }
}

async function labServer(f: Files, ns: Namespace, log: FileHandle, expected: ExpectedScan, { host, port }: { host: string; port: number }, firstSshd: SshdProcess, name: string): Promise<LabServer> {
  let sshd = firstSshd;
  const [privateKey, hostPub] = await Promise.all([readFile(f.clientKey, "utf8"), readFile(`${f.hostKey}.pub`, "utf8")]);
  let stopping: Promise<void> | undefined;
  const assertRunning = (): void => {
    if (stopping) throw new Error(`lab server ${name} is stopped`);
  };
  const server: LabServer = {
    name,
    host,
    port,
    username: "root",
    privateKey,
    passwordUser: { ...PASSWORD_USER },
    hostKeyFingerprint: fingerprintOfPublicKey(hostPub),
    initPid: ns.initPid,
    expected,
    async exec(command) {
      assertRunning();
      return run("nsenter", [...nsenterArgs(ns.initPid), "sh", "-c", command], {
        // cwd in the lab dir: a stray process started here is found by stop()'s leftover scan.
        cwd: f.dir,
        env: { PATH: STANDARD_PATH.join(":"), LC_ALL: "C.UTF-8" },
      });
    },
    async authorizeKey(publicKeyLine) {
      assertRunning();
      const line = publicKeyLine.trim();
      if (!/^[a-z0-9-]+(@openssh\.com)? [A-Za-z0-9+/=]+( [^\n]*)?$/.test(line)) throw new Error(`not a single OpenSSH public key line: ${line}`);
      await appendFile(f.authorizedKeys, `${line}\n`);
    },
    async rotateHostKey() {
      assertRunning();
      const fingerprint = await replaceHostKey(f.hostKey);
      await restartSshd(ns.initPid, sshd, port, f.log);
      server.hostKeyFingerprint = fingerprint;
      return fingerprint;
    },
    async signalSshd(signal, which) {
      assertRunning();
      const pids = (await namespaceProcesses(ns.initPid))
        .filter((p) => p.comm === "sshd" && p.state !== "Z")
        .filter((p) => which === "all" || (which === "listener") === (p.pid === sshd.nsPid))
        .map((p) => p.pid);
      if (pids.length > 0) await server.exec(`kill -s ${signal} ${pids.join(" ")}`);
      return pids;
    },
    async restartSshd() {
      assertRunning();
      const listening = (await namespaceProcesses(ns.initPid)).some((p) => p.pid === sshd.nsPid && p.state !== "Z");
      if (listening) throw new Error(`sshd of ${name} still runs: kill it first`);
      sshd = await startSshd(ns.initPid, f.config, f.log, sshd.probeHost);
    },
    stop() {
      stopping ??= stopLab(f, ns, log);
      return stopping;
    },
  };
  return server;
}
