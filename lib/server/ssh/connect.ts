import "server-only";
import type { Duplex } from "node:stream";
import { Client } from "ssh2";
import { AppError } from "@/lib/shared/errors/app-error";
import { atHop, notAnSshServer, toSshError } from "@/lib/server/ssh/errors";
import { fingerprintOf } from "@/lib/server/ssh/fingerprint";
import { openTcp } from "@/lib/server/ssh/tcp";
import type { SeenHostKey, SshTarget } from "@/lib/server/ssh/types";

/** `jumps`: the keys of the jump hosts this connection went through, nearest first. */
export type Connection = { client: Client; hostKeyFingerprint: string; jumps: SeenHostKey[] };

/** The byte stream an SSH connection runs over: a TCP socket, or a channel through a jump host (jump.ts). */
export type Opener = (target: SshTarget, timeoutMs: number) => Promise<{ sock: Duplex; jumps: SeenHostKey[] }>;

const direct: Opener = async (target, timeoutMs) => ({ sock: await openTcp(target.host, target.port, timeoutMs), jumps: [] });

function mismatch(target: SshTarget, seen: string): AppError {
  return new AppError(
    "HOST_KEY_MISMATCH",
    `The host key of ${target.host}:${target.port} changed: Reaper pinned ${target.hostKeyFingerprint ?? "none"} but the server now presents ${seen}. Nothing was run. If the server was reinstalled or its keys rotated, confirm the new fingerprint with its owner and pin it; otherwise someone may be intercepting the connection.`,
    { pinned: target.hostKeyFingerprint, presented: seen },
  );
}

/** Enough of what a peer sends first to find SSH's identification line ("SSH-2.0-..."). */
const GREETING_BYTES = 512;

/**
 * What the peer sent first: nothing yet, SSH's identification, or something else (a web or mail
 * server's banner), so that a failed handshake with another service can say so. It reads beside
 * ssh2, attaching only once ssh2 listens (ssh2 attaches after a promise, and a "data" listener of
 * ours before it would start the flow and lose ssh2 the first bytes), and stops once it knows.
 */
function watchGreeting(sock: Duplex): () => "nothing" | "ssh" | "other" {
  let head = "";
  const isSsh = () => /(^|\n)SSH-/.test(head);
  const onData = (chunk: Buffer) => {
    head += chunk.toString("latin1", 0, Math.min(chunk.length, GREETING_BYTES));
    if (isSsh() || head.length >= GREETING_BYTES) sock.off("data", onData);
  };
  const onListener = (event: string | symbol) => {
    if (event !== "data") return;
    sock.off("newListener", onListener);
    // Before ssh2's own listener: a chunk it throws on fails the connection within that call.
    queueMicrotask(() => sock.prependListener("data", onData));
  };
  sock.on("newListener", onListener);
  return () => (head === "" ? "nothing" : isSsh() ? "ssh" : "other");
}

/** Connects and authenticates within `timeoutMs` overall, refusing any host key but the pinned one. */
export async function connect(target: SshTarget, timeoutMs: number, open: Opener = direct): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  const { sock, jumps } = await open(target, timeoutMs);
  const client = new Client();
  let seen: string | null = null;
  const greeting = watchGreeting(sock);
  return new Promise<Connection>((resolve, reject) => {
    let settled = false;
    const fail = (e: unknown) => {
      // ssh2 may emit more than one error while a failed handshake winds down; the first decides.
      if (settled) return;
      settled = true;
      client.removeAllListeners("ready");
      client.end();
      sock.destroy();
      const pinned = target.hostKeyFingerprint;
      const error =
        seen && pinned && seen !== pinned ? mismatch(target, seen) : seen === null && greeting() === "other" ? notAnSshServer(target) : toSshError(e, target);
      reject(target.jump ? atHop(error, target, "target", target.jump) : error);
    };
    client.once("ready", () => {
      settled = true;
      resolve({ client, hostKeyFingerprint: seen ?? "", jumps });
    });
    // Stays attached for the connection's life: a later failure (keepalive, reset) must not
    // crash the process; the pool learns of it from "close".
    client.on("error", fail);
    try {
      client.connect({
        sock,
        username: target.username,
        privateKey: target.privateKey,
        passphrase: target.passphrase,
        password: target.password,
        readyTimeout: Math.max(500, deadline - Date.now()),
        keepaliveInterval: 15_000,
        keepaliveCountMax: 3,
        tryKeyboard: false,
        hostVerifier: (key: Buffer) => {
          seen = fingerprintOf(key);
          return target.hostKeyFingerprint === null || seen === target.hostKeyFingerprint;
        },
      });
    } catch (e) {
      fail(e);
    }
  });
}
