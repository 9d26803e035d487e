import "server-only";
import net from "node:net";
import { AppError } from "@/lib/errors/app-error";
import { toSshError } from "@/lib/ssh/errors";

/**
 * Our own TCP socket with Nagle off: ssh2 leaves it on, which costs ~40 ms per command
 * (FIELD-NOTES). Connecting ourselves also separates "unreachable" from "never spoke SSH".
 */
export function openTcp(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port });
    sock.setNoDelay(true);
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new AppError("SSH_TIMEOUT", `No TCP connection to ${host}:${port} within ${timeoutMs} ms. Check the host and port, and that no firewall drops the packets.`));
    }, timeoutMs);
    sock.once("connect", () => {
      clearTimeout(timer);
      sock.removeAllListeners("error");
      resolve(sock);
    });
    sock.once("error", (e) => {
      clearTimeout(timer);
      sock.destroy();
      reject(toSshError(e, { host, port }));
    });
  });
}
