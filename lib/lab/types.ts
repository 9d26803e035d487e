// The lab's public shapes (see index.ts for what each export does).

export type LabParent = {
  /** The parent's process name (comm): at most 15 bytes, no `/`, newline or NUL. */
  comm: string;
  /** Real zombie children the parent never waits for. */
  zombies: number;
  /** The zombies' comm; defaults to the parent's (a worker forked from a server keeps its name). */
  childComm?: string;
  /**
   * What the parent does on SIGCHLD, set up once its zombies exist (so they stay until someone sends
   * SIGCHLD): "default" nothing (like most servers), "reap" collects them all, "reap-one" collects one
   * per signal received (counts signals), "block" keeps SIGCHLD blocked.
   */
  onSigchld?: "default" | "reap" | "reap-one" | "block";
  /** "ignore": SIGTERM does not end the parent (only SIGKILL does). */
  onSigterm?: "default" | "ignore";
};

export type LabScenario = {
  parents?: LabParent[];
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
};

export type ExecResult = { stdout: string; stderr: string; code: number };

export type ExpectedScan = { parents: { comm: string; zombies: number }[]; zombies: number };

export type LabServer = {
  name: string;
  host: "127.0.0.1";
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
  rotateHostKey(): Promise<string>;
  stop(): Promise<void>;
};
