// Reaper's HTTP server: Next.js behind a plain node:http server, used by `npm start`, the demo and
// the tests. It exists for one reason: Next.js gives route handlers no way to learn the socket's
// address (X-Forwarded-For is whatever the client sent, when it sent one). This server writes the
// socket's address into `x-reaper-peer` on every request, replacing anything a client put there,
// and marks the process so the app knows the header can be trusted (lib/server/http/client-info.ts
// reads both). Whether X-Forwarded-For counts as well is the app's decision (REAPER_TRUST_PROXY).
//
//   node scripts/serve.mjs [-p PORT] [-H HOST] [--dev]
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PEER_HEADER = "x-reaper-peer";
const SERVED_BY_REAPER = Symbol.for("reaper.server");

function parseArgs(argv) {
  const out = { port: 3000, host: undefined, dev: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-p" || a === "--port") out.port = Number(argv[++i]);
    else if (a === "-H" || a === "--hostname") out.host = argv[++i];
    else if (a === "--dev") out.dev = true;
    else throw new Error(`unknown argument ${a}: use -p PORT, -H HOST, --dev`);
  }
  if (!Number.isInteger(out.port) || out.port < 1 || out.port > 65535) throw new Error("-p must be a port number (1-65535)");
  return out;
}

const args = parseArgs(process.argv.slice(2));
if (!args.dev) process.env.NODE_ENV ??= "production";
globalThis[SERVED_BY_REAPER] = true;

const { default: next } = await import("next");
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const app = next({ dev: args.dev, dir, hostname: args.host ?? "localhost", port: args.port });
const handle = app.getRequestHandler();
await app.prepare();

/**
 * Next.js answers a path with a malformed %-escape (`/api/servers/%ff`, `/servers/%e2%82`) with a
 * bare 500 before any route runs. Such a segment names nothing Reaper has, so its `%` signs are
 * passed on as literal text: the route or page then answers its ordinary 404 (or 400).
 */
function literalBadEscapes(url) {
  const query = url.indexOf("?");
  const path = query < 0 ? url : url.slice(0, query);
  const fixed = path
    .split("/")
    .map((segment) => {
      try {
        decodeURIComponent(segment);
        return segment;
      } catch {
        return segment.replaceAll("%", "%25");
      }
    })
    .join("/");
  return query < 0 ? fixed : fixed + url.slice(query);
}

const server = http.createServer((req, res) => {
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
  req.url = literalBadEscapes(req.url ?? "/");
  handle(req, res).catch((e) => {
    console.error(e);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
if (args.dev) server.on("upgrade", app.getUpgradeHandler());

server.on("error", (e) => {
  console.error(e.code === "EADDRINUSE" ? `Port ${args.port} is taken: choose another with -p.` : e);
  process.exit(1);
});
server.listen(args.port, args.host, () => {
  console.log(`Reaper is listening on http://${args.host ?? "localhost"}:${args.port}`);
});

// The app's background work (lib/server/startup.ts) gets up to 10 s to hand its jobs back.
const SHUTDOWN = Symbol.for("reaper.shutdown");
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    if (stopping) process.exit(0);
    stopping = true;
    server.close();
    server.closeAllConnections();
    const giveUp = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
    Promise.race([Promise.resolve(globalThis[SHUTDOWN]?.()), giveUp])
      .catch((e) => console.error(e))
      .finally(() => process.exit(0));
  });
}
