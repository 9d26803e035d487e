import "server-only";
import { createHash } from "node:crypto";
import type { ClientChannel } from "ssh2";
import { AppError } from "@/lib/shared/errors/app-error";
import { connect, type Connection, type Opener } from "@/lib/server/ssh/connect";
import { atHop } from "@/lib/server/ssh/errors";
import type { SshTarget } from "@/lib/server/ssh/types";

// Reaching a server through a jump host (bastion): one SSH connection to the bastion, and for each
// target a direct-tcpip channel (ssh2's forwardOut) that the target's own SSH connection runs over,
// so both host keys are checked end to end and the bastion never sees the target's session. Bastion
// connections are pooled like direct ones: one carries many targets, up to maxForwards channels
// at once; past that another connection is opened. A bastion may itself be reached through another
// (a chain of two, which the store enforces); the same code opens that hop.

/** Channels one bastion connection carries at once (each pooled target connection holds one). */
export const MAX_FORWARDS = 8;

// RFC 4254 channel-open failure reasons, as OpenSSH's sshd uses them for direct-tcpip.
const ADMINISTRATIVELY_PROHIBITED = 1;
const CONNECT_FAILED = 2;

type Bastion = {
  key: string;
  connecting: Promise<Connection>;
  conn: Connection | null;
  /** Channels open or being opened. */
  forwards: number;
  idleTimer: NodeJS.Timeout | null;
  dead: boolean;
};

/** The identity of a login (address, user, secrets) and of the hops before it: never the secrets themselves. */
export function loginKey(t: SshTarget): string {
  const h = createHash("sha256");
  for (const part of [t.host, String(t.port), t.username, t.privateKey ?? "", t.passphrase ?? "", t.password ?? "", t.jump ? loginKey(t.jump) : ""]) {
    h.update(part).update("\0");
  }
  return h.digest("hex");
}

/** Every pinned key on the way (the jump hosts') matches what the connection was verified against. */
export function jumpsStillPinned(conn: Connection, target: SshTarget): boolean {
  let hop = target.jump;
  for (const seen of conn.jumps) {
    if (!hop) return false;
    if (hop.hostKeyFingerprint !== null && hop.hostKeyFingerprint !== seen.hostKeyFingerprint) return false;
    hop = hop.jump;
  }
  return !hop;
}

function forwardError(e: Error & { reason?: unknown }, bastion: SshTarget, target: SshTarget): AppError {
  const to = `${target.host}:${target.port}`;
  const said = e.message.replace(/^\(SSH\) Channel open failure: ?/, "") || "no reason given";
  if (e.reason === CONNECT_FAILED) {
    return atHop(
      new AppError("SSH_UNREACHABLE", `the jump host could not reach ${to} (${said}). Check the target's host and port as the jump host sees them, and that its SSH server runs.`),
      target,
      "target",
      bastion,
    );
  }
  const why = e.reason === ADMINISTRATIVELY_PROHIBITED ? "it refuses to forward connections (AllowTcpForwarding or PermitOpen in its sshd_config)" : `opening a channel failed (${said})`;
  return atHop(new AppError("SSH_UNREACHABLE", `Reaper could not open a tunnel to ${to}: ${why}.`), bastion, "jump");
}

function forwardOut(conn: Connection, target: SshTarget, timeoutMs: number): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reject(new AppError("SSH_TIMEOUT", `The jump host did not open a tunnel to ${target.host}:${target.port} within ${timeoutMs} ms.`));
    }, timeoutMs);
    // The source address is informational (sshd logs it); the target is resolved by the bastion.
    conn.client.forwardOut("127.0.0.1", 0, target.host, target.port, (err, channel) => {
      clearTimeout(timer);
      if (timedOut) {
        channel?.close();
        return;
      }
      if (err) reject(err);
      else resolve(channel);
    });
  });
}

export class JumpHosts {
  private readonly bastions = new Map<string, Bastion[]>();

  constructor(
    private readonly idleMs: number,
    private readonly maxForwards = MAX_FORWARDS,
  ) {}

  /** What connect() uses for a target with a jump host: a channel through it, and the keys met. */
  readonly opener: Opener = async (target, timeoutMs) => {
    const bastionTarget = target.jump;
    if (!bastionTarget) throw new Error("internal: a tunnel needs a jump host");
    const deadline = Date.now() + timeoutMs;
    const bastion = this.reserve(bastionTarget, timeoutMs);
    let conn: Connection;
    try {
      conn = await bastion.connecting;
    } catch (e) {
      this.release(bastion);
      throw e instanceof AppError ? atHop(e, bastionTarget, "jump") : e;
    }
    let channel: ClientChannel;
    try {
      channel = await forwardOut(conn, target, Math.max(500, deadline - Date.now()));
    } catch (e) {
      this.release(bastion);
      if (e instanceof AppError) throw atHop(e, bastionTarget, "jump");
      throw forwardError(e as Error, bastionTarget, target);
    }
    channel.once("close", () => this.release(bastion));
    return { sock: channel, jumps: [{ serverId: bastionTarget.serverId, hostKeyFingerprint: conn.hostKeyFingerprint }, ...conn.jumps] };
  };

  /** A bastion connection with a free channel slot (taken now, so parallel callers never overfill one). */
  private reserve(target: SshTarget, timeoutMs: number): Bastion {
    const key = loginKey(target);
    const live = (this.bastions.get(key) ?? []).filter((b) => !b.dead);
    const usable = live.find((b) => b.forwards < this.maxForwards && (!b.conn || (this.stillPinned(b.conn, target) && jumpsStillPinned(b.conn, target))));
    const bastion = usable ?? this.open(key, target, timeoutMs);
    if (bastion.idleTimer) clearTimeout(bastion.idleTimer);
    bastion.idleTimer = null;
    bastion.forwards++;
    return bastion;
  }

  private stillPinned(conn: Connection, target: SshTarget): boolean {
    return target.hostKeyFingerprint === null || conn.hostKeyFingerprint === target.hostKeyFingerprint;
  }

  private open(key: string, target: SshTarget, timeoutMs: number): Bastion {
    const bastion: Bastion = {
      key,
      connecting: connect(target, timeoutMs, target.jump ? this.opener : undefined),
      conn: null,
      forwards: 0,
      idleTimer: null,
      dead: false,
    };
    this.bastions.set(key, [...(this.bastions.get(key) ?? []), bastion]);
    bastion.connecting.then(
      (conn) => {
        bastion.conn = conn;
        conn.client.once("close", () => this.drop(bastion));
      },
      () => this.drop(bastion),
    );
    return bastion;
  }

  private release(bastion: Bastion): void {
    bastion.forwards--;
    if (bastion.forwards > 0 || bastion.dead) return;
    bastion.idleTimer = setTimeout(() => this.drop(bastion), this.idleMs);
    bastion.idleTimer.unref();
  }

  private drop(bastion: Bastion): void {
    bastion.dead = true;
    if (bastion.idleTimer) clearTimeout(bastion.idleTimer);
    const rest = (this.bastions.get(bastion.key) ?? []).filter((b) => b !== bastion);
    if (rest.length > 0) this.bastions.set(bastion.key, rest);
    else this.bastions.delete(bastion.key);
    bastion.conn?.client.end();
  }

  /** Bastion connections open or opening: for tests and the shutdown path. */
  size(): number {
    let n = 0;
    for (const list of this.bastions.values()) n += list.length;
    return n;
  }

  closeAll(): void {
    for (const list of [...this.bastions.values()]) for (const b of list) this.drop(b);
  }
}
