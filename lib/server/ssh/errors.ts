import { AppError } from "@/lib/shared/errors/app-error";

type Where = { host: string; port: number };

const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EADDRNOTAVAIL", "ECONNRESET", "EPIPE"]);

function describe(e: unknown): { message: string; code?: string; level?: string } {
  if (e instanceof Error) {
    const { code, level } = e as NodeJS.ErrnoException & { level?: string };
    return { message: e.message, code, level };
  }
  return { message: String(e) };
}

/** The one place where socket and ssh2 failures become the contract's error codes. */
export function toSshError(e: unknown, where: Where): AppError {
  if (e instanceof AppError) return e;
  const { message, code, level } = describe(e);
  const at = `${where.host}:${where.port}`;
  if (level === "client-timeout" || code === "ETIMEDOUT") {
    return new AppError("SSH_TIMEOUT", `${at} accepted the connection but did not complete the SSH handshake in time. Check that an SSH server (not another service) listens on port ${where.port} and is not overloaded.`);
  }
  if (level === "client-authentication") {
    return new AppError("SSH_AUTH_FAILED", `${at} rejected the credentials. Check the username and that the key (or password) is authorised on the server.`);
  }
  if (level === "client-dns" || (code && UNREACHABLE_CODES.has(code)) || level === "client-socket") {
    const why = code === "ECONNREFUSED" ? "the connection was refused (nothing listens on that port)" : code === "ENOTFOUND" || code === "EAI_AGAIN" ? "the host name does not resolve" : `the network said ${code ?? "no"}`;
    return new AppError("SSH_UNREACHABLE", `Could not reach ${at}: ${why}. Check the host, the port and any firewall.`);
  }
  if (/Cannot parse privateKey|Encrypted private OpenSSH key detected|passphrase/i.test(message)) {
    return new AppError("SSH_AUTH_FAILED", "The stored private key could not be read: it is malformed, or its passphrase is missing or wrong. Edit the server and paste the key (and passphrase) again.");
  }
  if (/Connection lost before handshake|Keepalive timeout/.test(message)) {
    return new AppError("SSH_UNREACHABLE", `${at} closed the connection during the SSH handshake (${message}). The server may be limiting new connections (MaxStartups); try again.`);
  }
  return new AppError("SSH_UNREACHABLE", `The SSH connection to ${at} failed (${message}). Try again; if it persists, check the server's SSH service.`);
}

/**
 * The peer answered, but not with SSH's identification: another service listens there. What it
 * sent is not echoed (a banner may hold markup, or names and versions its owner keeps to itself).
 */
export function notAnSshServer(where: Where): AppError {
  const at = `${where.host}:${where.port}`;
  return new AppError("SSH_UNREACHABLE", `${at} is not an SSH server: it answered, but not in SSH (another service, such as a web or mail server, listens on port ${where.port}). Check the port of the server's SSH service (usually 22).`);
}

type Hop = Where & { name?: string; serverId?: string };

const hopLabel = (h: Hop): string => (h.name ? `${h.name} (${h.host}:${h.port})` : `${h.host}:${h.port}`);

/**
 * Says which hop of a connection through a jump host failed: the message starts with the hop, and
 * `hop` ("jump" or "target") and `hopServerId` join the details. An error already placed at a hop
 * (a failure deeper in a chain of jumps) keeps its place.
 */
export function atHop(e: AppError, hop: Hop, role: "jump" | "target", via?: Hop): AppError {
  if (e.details?.hop !== undefined) return e;
  const where = role === "jump" ? `At the jump host ${hopLabel(hop)}` : `At ${hopLabel(hop)}, reached through the jump host ${via ? hopLabel(via) : "?"}`;
  return new AppError(e.code, `${where}: ${e.message}`, { ...e.details, hop: role, ...(hop.serverId && { hopServerId: hop.serverId }) });
}
