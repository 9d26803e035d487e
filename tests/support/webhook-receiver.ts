import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

// A webhook receiver on loopback, as a ticketing system would run one: it records every request
// and answers with the statuses a test lines up (200 once the line is empty).
export type Received = { path: string; headers: http.IncomingHttpHeaders; body: string; json: Record<string, unknown> };

export type Receiver = {
  url: (path?: string) => string;
  received: Received[];
  /** The statuses of the next answers, in order. */
  answer: (...statuses: number[]) => void;
  /** Waits until `n` requests arrived at this path (or any, without one). */
  waitFor: (n: number, path?: string, timeoutMs?: number) => Promise<Received[]>;
  close: () => Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const queue: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        // recorded as it came: the test checks the body is JSON
      }
      received.push({ path: req.url ?? "", headers: req.headers, body, json });
      res.statusCode = queue.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const at = (p?: string) => received.filter((r) => p === undefined || r.path === p);
  return {
    url: (p = "/hook") => `http://127.0.0.1:${port}${p}`,
    received,
    answer: (...statuses) => queue.push(...statuses),
    waitFor: async (n, p, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (at(p).length < n) {
        if (Date.now() > deadline) throw new Error(`the receiver got ${at(p).length} of ${n} requests at ${p ?? "any path"} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return at(p);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The receiver's side of X-Reaper-Signature: HMAC-SHA256 of the raw body, compared in constant time. */
export function signatureValid(secret: string, body: string, header: string | string[] | undefined): boolean {
  if (typeof header !== "string" || !header.startsWith("sha256=")) return false;
  const want = Buffer.from(createHmac("sha256", secret).update(body).digest("hex"), "utf8");
  const got = Buffer.from(header.slice("sha256=".length), "utf8");
  return got.length === want.length && timingSafeEqual(got, want);
}
