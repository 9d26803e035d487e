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
