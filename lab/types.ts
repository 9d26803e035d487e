// The lab's public shapes (see index.ts for what each export does).

export type LabParent = {
  /** The parent's process name (comm): at most 15 bytes, no `/`, newline or NUL. */
  comm: string;
  /** Real zombie children the parent never waits for. */
  zombies: number;
  /**
   * The zombies' comm; defaults to the parent's (a worker forked from a server keeps its name). Set by
   * prctl, not a file name, so unlike `comm` it may hold `/`: 1-64 bytes without newline or NUL, of
   * which the kernel keeps 15, maybe cutting a character in two (as it does a long program's name).
   */
  childComm?: string;
  /**
   * The parent's command line (argv[0] first), instead of `COMM infinity`: any bytes but NUL, so a
   * test can show hostile command lines (markup, direction overrides, invalid UTF-8, kilobytes).
   */
  argv?: (string | Uint8Array)[];
  /**
   * What the parent does on SIGCHLD, set up once its zombies exist (so they stay until someone sends
   * SIGCHLD): "default" nothing (like most servers), "reap" collects them all, "reap-one" collects one
   * per signal received (counts signals), "block" keeps SIGCHLD blocked, "ignore" sets it to SIG_IGN
   * (Linux keeps the zombies that already exist).
   */
  onSigchld?: "default" | "reap" | "reap-one" | "block" | "ignore";
  /** "ignore": SIGTERM does not end the parent (only SIGKILL does). */
  onSigterm?: "default" | "ignore";
  /** Live children that sleep forever, named like the parent (a server's workers). */
  liveChildren?: number;
  /**
   * The account the parent runs as (its zombies and live children too, unless `childUser`), like a
   * server that drops root before forking. "reaperlab" is the lab's password user. Default root.
   */
  user?: LabUser;
  /**
   * The account the zombies and live children switch to, when it is not the parent's: Apache's
   * master runs as root and its workers and CGI children as www-data. Default: the parent's.
   */
  childUser?: LabUser;
  /**
   * RLIMIT_NPROC ("Max processes", `ulimit -u`) of the parent, set once its children exist (the
   * kernel checks it at fork time). A number sets soft and hard alike. The kernel counts the user's
   * processes across the whole host (the lab shares the host's user namespace), not the namespace's.
   */
  nprocLimit?: number | { soft: number; hard: number };
  /**
   * Puts the parent (and so its zombies and live children) in a cgroup of its own with this
   * `pids.max`. Needs the cgroup v1 pids controller at /sys/fs/cgroup/pids. At least
   * zombies + liveChildren + 2 (the parent, and the helper that starts it for a moment).
   */
  pidsMax?: number;
};

export type LabUser = "root" | "reaperlab";

/**
 * A systemd-like service: its main process (a LabParent, with its zombies) runs in a cgroup of its
 * own, `/<lab>/system.slice/NAME`, as systemd would put it, and the SSH session's PATH gets the lab's
 * stand-in `systemctl` (systemd does not run inside the lab's namespaces), which restarts the unit
 * for real: it stops every process in that cgroup and starts the main process again there, fresh
 * (without zombies, the way a restarted service starts clean).
 */
export type LabUnit = {
  /** A service name as systemd spells it, e.g. `php-fpm.service` or `app@blue.service`. */
  name: string;
  /** What `systemctl show -p Description` prints. */
  description: string;
  /** The unit's main process. pidsMax is not supported here (the unit has its own cgroup). */
  parent: LabParent;
};

/** A network namespace with a veth pair to the host (see network.ts). */
export type LabNetwork = {
  /** The namespace's name under /run/netns. */
  name: string;
  /** The host's end of the veth pair. */
  hostAddress: string;
  /** The namespace's end: where a server that listens on "veth" is reached from the host. */
  nsAddress: string;
  stop(): Promise<void>;
};

export type LabScenario = {
  parents?: LabParent[];
  /** Services whose main processes are zombie parents, restartable through the stand-in systemctl. */
  units?: LabUnit[];
  /** A chain of this many nested processes; the innermost, "deep-chain", has DEEP_CHAIN_ZOMBIES zombies. */
  chainDepth?: number;
  /** Extra live `sleep` processes. */
  fillerProcesses?: number;
};

export type LabServerOptions = {
  name?: string;
  scenario?: LabScenario;
  /** The namespace's PID 1: tini reaps orphans; "non-reaping" is a `sleep infinity` that never does. */
  init?: "tini" | "non-reaping";
  /**
   * "host": the namespace keeps the host's /proc instead of mounting its own, so `ps` and every /proc
   * read in the SSH session see the whole machine, kernel threads included (kthreadd is PID 2), as
   * when Reaper logs into a real server. The PIDs read there are the host's while the session's own
   * ($$) and `kill` use the namespace's: for tests of what Reaper refuses before signalling, never
   * for sending a signal. Default "own".
   */
  proc?: "own" | "host";
  /** busybox: the SSH session's PATH finds busybox applets first and the login shell is busybox sh, as on Alpine. */
  toolset?: "procps" | "busybox";
  /** false: the SSH session's PATH has no pstree. */
  pstree?: boolean;
  port?: number;
  /**
   * A `sudo` first on the session's PATH: "passwordless" runs `sudo -n CMD` as CMD (the lab logs in
   * as root, so it succeeds); "password-required" refuses like sudo without NOPASSWD. Default: no sudo.
   */
  sudo?: "passwordless" | "password-required";
  /**
   * root's ~/.bashrc in the lab (the login shell is bash unless the toolset is busybox): Debian's bash
   * reads it for every command sshd runs, as on customer servers with heavy rc files.
   */
  rcFile?: string;
  /**
   * Run the server inside a network namespace: "veth" listens on the namespace's veth address
   * (reachable from the host, like a bastion), "loopback" on the namespace's own 127.0.0.1, which
   * only servers in the same namespace can reach (a target behind a bastion).
   */
  network?: { net: LabNetwork; listen: "veth" | "loopback" };
  /**
   * Scripts put first on the SSH session's PATH under these names, e.g. `{ ps: "sleep 30" }`: how a
   * test makes a server misbehave (a hanging or flooding ps, a slow sudo). A body without `#!` runs
   * under /bin/sh. The host and `exec` keep the real tools.
   */
  standIns?: Record<string, string>;
  /**
   * The absolute path of a restricted command: the client key is then authorised only through it
   * (`command="PATH",no-pty,no-port-forwarding,no-agent-forwarding,no-X11-forwarding`), as on a
   * customer server that gives Reaper no shell. Keys added later with authorizeKey are not restricted.
   */
  forcedCommand?: string;
};

export type ExecResult = { stdout: string; stderr: string; code: number };

/** What the lab built for one zombie parent, with the defaults filled in. */
export type ExpectedParent = {
  comm: string;
  zombies: number;
  childComm: string;
  liveChildren: number;
  user: LabUser;
  childUser: LabUser;
  onSigchld: NonNullable<LabParent["onSigchld"]>;
  nprocLimit: { soft: number; hard: number } | null;
  pidsMax: number | null;
};

export type ExpectedScan = { parents: ExpectedParent[]; zombies: number };

export type LabServer = {
  name: string;
  /** 127.0.0.1, or the network namespace's veth address for a server listening there. */
  host: string;
  port: number;
  username: "root";
  /** An ed25519 client key in OpenSSH format, authorised for root. */
  privateKey: string;
  passwordUser: { username: string; password: string };
  /** "SHA256:" + unpadded base64, as `ssh-keygen -lf` prints it. */
  hostKeyFingerprint: string;
  /** Host PID of the namespace's PID 1. */
  initPid: number;
  expected: ExpectedScan;
  /** Runs `sh -c command` inside the namespace (pid + mount), with LC_ALL=C.UTF-8. */
  exec(command: string): Promise<ExecResult>;
  authorizeKey(publicKeyLine: string): Promise<void>;
  /**
   * Sends a signal to the namespace's sshd processes, by pid: the listener, the per-connection
   * session processes, or all. Returns the pids signalled (in the namespace).
   */
  signalSshd(signal: "KILL" | "STOP" | "CONT", which: "listener" | "sessions" | "all"): Promise<number[]>;
  /** Starts sshd again on the same port, config and host key, after signalSshd("KILL", ...) ended it. */
  restartSshd(): Promise<void>;
  rotateHostKey(): Promise<string>;
  stop(): Promise<void>;
};
