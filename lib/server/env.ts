import "server-only";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { PROTECTED_NAME } from "@/lib/shared/schemas/protected-name";

// The only module that reads process.env: every setting is validated once, at first use,
// so a typo in a deployment fails loudly with the variable's name instead of deep in a request.
/** "10.0.0.0/8" or a bare address (one host); IPv4 or IPv6. */
function parseNetwork(text: string): Network | null {
  const [address = "", prefixText, extra] = text.split("/");
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return null;
  const bits = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= bits)) return null;
  return { address, prefix, type: version === 4 ? "ipv4" : "ipv6" };
}

export type Network = { address: string; prefix: number; type: "ipv4" | "ipv6" };

const schema = z.object({
  REAPER_DATA_DIR: z.string().min(1).default("./data"),
  // Unset: the embedded SQLite store in the data dir. Set: PostgreSQL, shared by every instance.
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL, e.g. postgres://reaper:PASSWORD@db.example.com:5432/reaper" })
    .optional(),
  REAPER_SECRET_KEY: z.string().min(1).optional(),
  REAPER_ADMIN_EMAIL: z.email().optional(),
  REAPER_ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  REAPER_SSH_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  REAPER_SSH_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  REAPER_SSH_MAX_OUTPUT_BYTES: z.coerce.number().int().min(65_536).default(64 * 1024 * 1024),
  REAPER_SSH_IDLE_MS: z.coerce.number().int().min(1_000).default(120_000),
  // Fleet scans: servers scanned at once, and the most one server may take (connect and scan).
  REAPER_FLEET_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(64),
  REAPER_FLEET_HOST_TIMEOUT_MS: z.coerce.number().int().min(2_000).max(600_000).default(30_000),
  // SSH handshakes in flight to one host:port at once. OpenSSH's default MaxStartups (10:30:100)
  // starts dropping unauthenticated connections past 10, and the host's own admins share that budget.
  REAPER_SSH_HANDSHAKES_PER_HOST: z.coerce.number().int().min(1).max(10).default(4),
  REAPER_SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  // The address people open Reaper at (https://reaper.example.com). When set, a cookie-borne
  // change must come from exactly this origin, and cookies are Secure when it is https.
  REAPER_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "must be the http(s) URL people open Reaper at, e.g. https://reaper.example.com" })
    .transform((u) => new URL(u).origin)
    .optional(),
  // How many reverse proxies stand in front of Reaper. 0 (the default): X-Forwarded-* headers are
  // ignored, since anyone can send them; the client is the socket's address. N: the client is the
  // address N hops back in X-Forwarded-For, and X-Forwarded-Host/-Proto name the public origin.
  REAPER_TRUST_PROXY: z.preprocess(
    (v) => {
      const t = typeof v === "string" ? v.trim().toLowerCase() : v;
      return t === "true" ? 1 : t === "false" || t === "" || t === undefined ? 0 : t;
    },
    z.coerce.number("must be false, true or a number of proxies (0-10)").int("must be a whole number of proxies").min(0, "must be 0-10").max(10, "must be 0-10"),
  ),
  // The networks servers may be in, as CIDRs ("10.0.0.0/8,192.168.1.0/24,2001:db8::/32"). Unset:
  // any address but the cloud metadata service's. Checked when a server is saved and again at
  // every connection, so Reaper cannot be used to probe what else its own network can reach.
  REAPER_ALLOWED_NETWORKS: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === "") return null;
      const items = s.split(",").map((n) => n.trim()).filter((n) => n !== "");
      const networks = items.map(parseNetwork);
      const bad = items.filter((_, i) => networks[i] === null);
      if (bad.length > 0) ctx.addIssue({ code: "custom", message: `${bad.join(", ")}: each entry must be an IPv4 or IPv6 network in CIDR form, e.g. 10.0.0.0/8 or 2001:db8::/32` });
      return networks.filter((n): n is Network => n !== null);
    }),
  // Snapshot pictures: how long one render may take (waiting for a turn included), and how many
  // run at once (each is a Chromium page: memory and CPU; the others wait their turn).
  REAPER_SNAPSHOT_RENDER_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
  REAPER_SNAPSHOT_RENDERS: z.coerce.number().int().min(1).max(8).default(2),
  // Webhook deliveries: attempts before giving up, the wait before the first retry (doubling after
  // each failure: 30 s, 1, 2, 4 min by default) and how long one attempt may take.
  REAPER_WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  REAPER_WEBHOOK_RETRY_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  REAPER_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  // Refused attempts (actions, server changes) logged one by one per person within a window; past
  // that the person is answered RATE_LIMITED and their refusals are counted into one audit event.
  REAPER_REFUSAL_LIMIT: z.coerce.number().int().min(1).max(10_000).default(20),
  REAPER_REFUSAL_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  // Days of scan history kept (the newest scan of each server always stays).
  REAPER_SCAN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // The length of a scheduling minute in ms. Only tests and demos shorten it, to see intervals pass.
  REAPER_SCAN_MINUTE_MS: z.coerce.number().int().min(100).max(60_000).default(60_000),
  REAPER_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // Process names (comms) no action may signal, comma-separated. sshd-session is OpenSSH 9.8+'s
  // per-connection process. The names go into the remote command, hence the strict grammar.
  REAPER_PROTECTED_NAMES: z
    .string()
    .default("init,systemd,sshd,sshd-session")
    .transform((s) => s.split(",").map((n) => n.trim()).filter((n) => n !== ""))
    .refine((names) => names.every((n) => PROTECTED_NAME.test(n)), "each name must be 1-15 letters, digits, spaces or . _ : + @ ( ) -"),
});

// Instances sharing a database must seal and open credentials with one key: a key generated into
// each instance's own data dir would leave every other instance unable to read the credentials.
const withSharedKey = schema.refine((e) => e.DATABASE_URL === undefined || e.REAPER_SECRET_KEY !== undefined, {
  path: ["REAPER_SECRET_KEY"],
  message: "is required when DATABASE_URL is set: give every instance the same key (make one with `openssl rand -base64 32`)",
});

export type Env = z.infer<typeof schema> & { dataDir: string };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = withSharedKey.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Reaper's environment is invalid (${problems}). Fix these variables and restart.`);
  }
  cached = { ...parsed.data, dataDir: path.resolve(parsed.data.REAPER_DATA_DIR) };
  return cached;
}
