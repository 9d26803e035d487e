import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateClientKey } from "@/lab/keys";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { silentPort } from "@/tests/support/ports";

// A server added at the address of something that is not SSH: the dashboard itself, a web server
// whose error page carries markup, a mail server whose banner names its software, a service that
// sends one endless line. The scan says "not an SSH server" and repeats nothing they sent; a port
// that never says a word is still a timeout, not this.
type ErrorBody = { error: { code: string; message: string } };

const BANNER_WORDS = ["<script>", "HTTP", "secret-banner", "Postfix", "220 ", "500 ", "xxxxxxxx"];

let app: AppServer;
let admin: ApiClient;
let privateKey: string;
const closers: (() => void)[] = [];

/** A loopback service: `greet` runs on each connection, `reply` on each chunk the client sends. */
async function service(greet: (s: net.Socket) => void, reply?: (s: net.Socket) => void): Promise<number> {
  const held: net.Socket[] = [];
  const server = net.createServer((s) => {
    held.push(s);
    s.on("error", () => undefined);
    greet(s);
    if (reply) s.on("data", () => reply(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  closers.push(() => {
    held.forEach((s) => s.destroy());
    server.close();
  });
  return (server.address() as net.AddressInfo).port;
}

beforeAll(async () => {
  // A short connect limit: the mail server keeps the connection open, so its answer comes at the limit.
  app = await startApp({ REAPER_SSH_CONNECT_TIMEOUT_MS: "3000" });
  admin = await ApiClient.login(app);
  privateKey = (await generateClientKey("ed25519")).privateKey;
});
afterAll(async () => {
  closers.forEach((close) => close());
  await app?.stop();
});

async function scanAt(name: string, port: number): Promise<{ status: number; body: ErrorBody; serverId: string }> {
  const created = await admin.call<Server>("POST", "/api/servers", { name, host: "127.0.0.1", port, username: "root", privateKey });
  expect(created.status).toBe(201);
  const res = await admin.call<ErrorBody>("POST", `/api/servers/${created.body.id}/scans`);
  return { ...res, serverId: created.body.id };
}

describe("a service that is not SSH", () => {
  it.each([
    ["the dashboard itself", async () => Number(new URL(app.baseUrl).port)],
    ["a web server answering with markup, then closing", () => service(() => undefined, (s) => s.end("HTTP/1.1 400 <script>alert('x')</script>\r\nServer: secret-banner\r\n\r\n"))],
    ["a mail server that greets first and stays open", () => service((s) => s.write("220 mail.internal ESMTP Postfix secret-banner\r\n"), (s) => s.write("500 5.5.2 secret-banner: command unrecognized\r\n"))],
    ["a service that sends one endless line", () => service((s) => s.write("x".repeat(100_000)))],
  ])("%s: 502 SSH_UNREACHABLE saying it is not an SSH server, echoing nothing it sent", async (what, listen) => {
    const port = await listen();
    const res = await scanAt(`not-ssh-${port}`, port);
    expect([res.status, res.body.error.code]).toEqual([502, "SSH_UNREACHABLE"]);
    expect(res.body.error.message).toMatch(new RegExp(`^127\\.0\\.0\\.1:${port} is not an SSH server: `));
    for (const word of BANNER_WORDS) expect(res.body.error.message, what).not.toContain(word);
    // The fleet keeps the same words for the server's last attempt.
    const fleet = await admin.call<{ servers: { server: { id: string }; reachability: { error: { message: string } | null } | null }[] }>("GET", "/api/fleet");
    expect(fleet.body.servers.find((r) => r.server.id === res.serverId)?.reachability?.error?.message).toBe(res.body.error.message);
  });

  it("a port that accepts and never says a word is still SSH_TIMEOUT, not this", async () => {
    const silent = await silentPort();
    closers.push(silent.close);
    const res = await scanAt("silent", silent.port);
    expect([res.status, res.body.error.code]).toEqual([504, "SSH_TIMEOUT"]);
    expect(res.body.error.message).not.toContain("not an SSH server");
  });
});
