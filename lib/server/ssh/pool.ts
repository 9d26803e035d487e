import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { connect, type Connection } from "@/lib/server/ssh/connect";
import { execCommand, type ExecLimits, type RawResult } from "@/lib/server/ssh/exec";
import { HandshakeGate } from "@/lib/server/ssh/handshake-gate";
import { ShellSession } from "@/lib/server/ssh/shell-session";
import { JumpHosts, jumpsStillPinned, loginKey } from "@/lib/server/ssh/jump";
import type { ExecResult, SshLimits, SshTarget } from "@/lib/server/ssh/types";

// sshd allows 10 channels per connection and frees a slot a little after ssh2 reports close
// (measured on OpenSSH 9.2: back-to-back reuse by 6+ workers fails a few percent of the time), so
// stay well under it and retry "open failed" with backoff.
const MAX_CHANNELS = 4;
const OPEN_RETRIES = 3;

export type RunLimits = SshLimits &
  Pick<ExecLimits, "label" | "stepAt"> & {
    /** Run it in the connection's long-lived shell (ShellSession) when that is free, so the account's
     * rc files are not read again; else, and where no such shell can be had, one exec as usual. */
    persistentShell?: boolean;
  };

type Entry = {
  key: string;
  connecting: Promise<Connection>;
  conn: Connection | null;
  active: number;
  waiters: (() => void)[];
  idleTimer: NodeJS.Timeout | null;
  dead: boolean;
  /** The connection's long-lived shell, once asked for; `shellOff` when the server would not give one. */
  shell: Promise<ShellSession | null> | null;
  shellOff: boolean;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Thrown to a command that waited for a channel on a connection retired meanwhile. */
const RETIRED = Symbol("retired");

export class SshPool {
  private readonly entries = new Map<string, Entry>();
  /** Connections to jump hosts, whose channels carry the targets behind them. */
  private readonly jumps: JumpHosts;
  readonly handshakes: HandshakeGate;

  constructor(
    private readonly idleMs: number,
    opts: { maxForwards?: number; handshakesPerHost?: number } = {},
  ) {
    this.jumps = new JumpHosts(idleMs, opts.maxForwards);
    this.handshakes = new HandshakeGate(opts.handshakesPerHost ?? 4);
  }

  async run(target: SshTarget, command: string, limits: RunLimits): Promise<ExecResult> {
    // Credentials and jump hosts are part of the key: editing a server's login never reuses the old session.
    const key = loginKey(target);
    let secondChance = true;
    for (let rerouted = 0; ; ) {
      let existing = this.entries.get(key);
      // A connection verified against another key than the one pinned now must not carry on:
      // reconnecting makes the new pin decide (HOST_KEY_MISMATCH if the server disagrees).
      const keyChanged = (c: Connection) => (target.hostKeyFingerprint && c.hostKeyFingerprint !== target.hostKeyFingerprint) || !jumpsStillPinned(c, target);
      if (existing?.conn && keyChanged(existing.conn)) {
        this.drop(existing);
        existing = undefined;
      }
      const reused = !!existing?.conn && !existing.dead;
      const entry = existing && !existing.dead ? existing : this.open(key, target, limits.connectTimeoutMs);
      try {
        return await this.runOn(entry, command, limits, reused);
      } catch (e) {
        // Retired while this command waited for a channel: nothing ran; take the fresh connection.
        if (e === RETIRED && rerouted++ < 3) continue;
        // A pooled connection can die quietly between scans (server restart, NAT timeout), or refuse
        // channels: one fresh connection gets a second chance; a fresh one that fails is the answer.
        // Retired, not dropped: the commands still running on it must not be cut off.
        if (!reused || e instanceof AppError || e === RETIRED || !secondChance) throw e === RETIRED ? new Error("internal: no SSH connection kept its place") : e;
        secondChance = false;
        this.retire(entry);
      }
    }
  }

  private async runOn(entry: Entry, command: string, limits: RunLimits, reused: boolean): Promise<ExecResult> {
    const conn = await entry.connecting;
    await this.acquire(entry);
    try {
      const session = limits.persistentShell ? await this.shellOf(entry, conn, limits.commandTimeoutMs) : null;
      // Checked and taken in one synchronous step: a concurrent caller finds it busy and execs.
      const raw = session?.usable
        ? await session.run(command, { timeoutMs: limits.commandTimeoutMs, maxBytes: limits.maxOutputBytes, label: limits.label, stepAt: limits.stepAt })
        : await this.execWithRetry(conn, command, limits);
      return { ...raw, hostKeyFingerprint: conn.hostKeyFingerprint, jumpHostKeys: conn.jumps, reused, commandCostMs: session?.commandCostMs ?? null };
    } catch (e) {
      // A deadline missed or a connection lost: the server may be frozen (SIGSTOP) or the path cut,
      // and no event will ever say so. The next call gets a fresh connection; commands still running
      // on this one finish (or time out) first.
      if (e instanceof AppError && (e.code === "SSH_TIMEOUT" || e.code === "SSH_UNREACHABLE")) this.retire(entry);
      throw e;
    } finally {
      this.release(entry);
    }
  }

  /** The connection's shell (opened on first use, again after it failed); null where there is none. */
  private async shellOf(entry: Entry, conn: Connection, timeoutMs: number): Promise<ShellSession | null> {
    if (entry.shellOff) return null;
    let session = await (entry.shell ??= ShellSession.open(conn.client, timeoutMs));
    if (session?.isClosed) session = await (entry.shell = ShellSession.open(conn.client, timeoutMs));
    if (!session) entry.shellOff = true;
    return session;
  }

  private async execWithRetry(conn: Connection, command: string, limits: RunLimits): Promise<RawResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await execCommand(conn.client, command, { timeoutMs: limits.commandTimeoutMs, maxBytes: limits.maxOutputBytes, label: limits.label, stepAt: limits.stepAt });
      } catch (e) {
        const openFailed = e instanceof Error && /open failed/i.test(e.message);
        if (!openFailed || attempt >= OPEN_RETRIES) throw e;
        await sleep(50 * 2 ** attempt + Math.random() * 50);
      }
    }
  }

  private open(key: string, target: SshTarget, timeoutMs: number): Entry {
    const connecting = this.handshakes.run(target.host, target.port, () => connect(target, timeoutMs, target.jump ? this.jumps.opener : undefined));
    const entry: Entry = { key, connecting, conn: null, active: 0, waiters: [], idleTimer: null, dead: false, shell: null, shellOff: false };
    this.entries.set(key, entry);
    entry.connecting.then(
      (conn) => {
        entry.conn = conn;
        conn.client.once("close", () => this.drop(entry));
      },
      () => this.drop(entry),
    );
    return entry;
  }

  private async acquire(entry: Entry): Promise<void> {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = null;
    while (entry.active >= MAX_CHANNELS && !entry.dead) await new Promise<void>((r) => entry.waiters.push(r));
    if (entry.dead) throw RETIRED;
    entry.active++;
  }

  private release(entry: Entry): void {
    entry.active--;
    if (entry.dead) {
      if (entry.active === 0) entry.conn?.client.end();
      return;
    }
    entry.waiters.shift()?.();
    if (entry.active === 0) {
      entry.idleTimer = setTimeout(() => this.drop(entry), this.idleMs);
      entry.idleTimer.unref();
    }
  }

  /** No new commands on this connection (waiting ones go to a fresh one); it closes once the ones running on it are done. */
  private retire(entry: Entry): void {
    entry.dead = true;
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
    for (const wake of entry.waiters.splice(0)) wake();
    if (entry.active === 0) entry.conn?.client.end();
  }

  private drop(entry: Entry): void {
    entry.dead = true;
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
    for (const wake of entry.waiters.splice(0)) wake();
    entry.conn?.client.end();
  }

  /** Connections currently open (to jump hosts in jumpHostConnections): for tests and the shutdown path. */
  size(): number {
    return this.entries.size;
  }

  jumpHostConnections(): number {
    return this.jumps.size();
  }

  closeAll(): void {
    for (const entry of [...this.entries.values()]) this.drop(entry);
    this.jumps.closeAll();
  }
}
