import "server-only";

/**
 * At most `perHost` SSH handshakes in flight to one host:port. sshd counts a connection as
 * unauthenticated until login completes and, past MaxStartups (OpenSSH's default 10:30:100), drops
 * new ones at random: a fleet scan that opened dozens at once to one host would lose some and
 * crowd out the host's own admins. Waiters go in arrival order.
 */
export class HandshakeGate {
  private readonly hosts = new Map<string, { active: number; waiters: (() => void)[] }>();
  private peakSeen = 0;

  constructor(private readonly perHost: number) {}

  async run<T>(host: string, port: number, handshake: () => Promise<T>): Promise<T> {
    const key = `${host}:${port}`;
    let slot = this.hosts.get(key);
    if (!slot) {
      slot = { active: 0, waiters: [] };
      this.hosts.set(key, slot);
    }
    while (slot.active >= this.perHost) await new Promise<void>((r) => slot.waiters.push(r));
    slot.active++;
    this.peakSeen = Math.max(this.peakSeen, slot.active);
    try {
      return await handshake();
    } finally {
      slot.active--;
      const next = slot.waiters.shift();
      if (next) next();
      else if (slot.active === 0) this.hosts.delete(key);
    }
  }

  /** The most handshakes ever in flight to one host at once: for tests. */
  peak(): number {
    return this.peakSeen;
  }
}
