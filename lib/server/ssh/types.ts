/** Everything needed to reach one server; secrets already unsealed, never logged. */
export type SshTarget = {
  host: string;
  port: number;
  username: string;
  privateKey?: string;
  passphrase?: string;
  password?: string;
  /** The pinned host key; null means "pin whatever this first connection presents". */
  hostKeyFingerprint: string | null;
  /** The saved server this is, for naming a hop in errors and pinning its first-seen key. */
  serverId?: string;
  name?: string;
  /** Reach this server through that one (a bastion): a direct-tcpip channel opened there. */
  jump?: SshTarget | null;
};

export type SshLimits = {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  maxOutputBytes: number;
};

/** A host key a connection was verified against, and the saved server it belongs to. */
export type SeenHostKey = { serverId: string | undefined; hostKeyFingerprint: string };

export type ExecResult = {
  stdout: string;
  stderr: string;
  /** The remote exit status; null when the command ended by a signal. */
  code: number | null;
  /** The host key the connection was verified against (the one to pin on first contact). */
  hostKeyFingerprint: string;
  /** The jump hosts' keys on the way, nearest to the target first (empty for a direct connection). */
  jumpHostKeys: SeenHostKey[];
  /** True when an already-authenticated connection carried this command. */
  reused: boolean;
  /** What one exec costs on this account before the command starts (login shell, rc files), measured
   * when the connection's long-lived shell opened; null where there is none (see ShellSession). */
  commandCostMs: number | null;
};
