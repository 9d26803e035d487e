import net from "node:net";
import { freePort } from "@/tests/support/app-server";

/** A loopback port nothing listens on: connecting is refused at once. */
export const closedPort = freePort;

/** A loopback port that accepts TCP and never says a word, like a hung or firewalled sshd. */
export async function silentPort(): Promise<{ port: number; close: () => void }> {
  const held: net.Socket[] = [];
  const server = net.createServer((sock) => held.push(sock));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      held.forEach((s) => s.destroy());
      server.close();
    },
  };
}
