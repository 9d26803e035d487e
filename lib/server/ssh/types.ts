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
};

export type SshLimits = {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  maxOutputBytes: number;
};

export type ExecResult = {
  stdout: string;
  stderr: string;
  /** The remote exit status; null when the command ended by a signal. */
  code: number | null;
  /** The host key the connection was verified against (the one to pin on first contact). */
  hostKeyFingerprint: string;
  /** True when an already-authenticated connection carried this command. */
  reused: boolean;
};
