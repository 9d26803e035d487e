export type SshdConfigInput = {
  port: number;
  hostKey: string;
  authorizedKeys: string;
  /** PATH for SSH sessions (SetEnv wins over the PATH sshd sets itself). */
  sessionPath: string;
};

export function sshdConfig(c: SshdConfigInput): string {
  return [
    `Port ${c.port}`,
    "ListenAddress 127.0.0.1",
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
