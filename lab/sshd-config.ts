export type SshdConfigInput = {
  port: number;
  /** The one address sshd listens on (127.0.0.1 of its network namespace, or a veth address). */
  listenAddress: string;
  hostKey: string;
  authorizedKeys: string;
  /** PATH for SSH sessions (SetEnv wins over the PATH sshd sets itself). */
  sessionPath: string;
};

export function sshdConfig(c: SshdConfigInput): string {
  return [
    `Port ${c.port}`,
    `ListenAddress ${c.listenAddress}`,
    // A lab server may be the jump host of another (direct-tcpip channels): OpenSSH's default, said aloud.
    "AllowTcpForwarding yes",
    `HostKey ${c.hostKey}`,
    "PidFile none",
    `AuthorizedKeysFile ${c.authorizedKeys}`,
    // The lab's files live in a world-readable temp dir.
    "StrictModes no",
    "PermitRootLogin yes",
    "PubkeyAuthentication yes",
    "PasswordAuthentication yes",
    "KbdInteractiveAuthentication no",
    "UsePAM no",
    // VERBOSE logs "Server listening on ..." which tells the lab sshd is up (and on its port).
    "LogLevel VERBOSE",
    `SetEnv PATH=${c.sessionPath}`,
    "",
  ].join("\n");
}
