import "server-only";
import path from "node:path";
import { z } from "zod";
import { PROTECTED_NAME } from "@/lib/shared/schemas/protected-name";

// The only module that reads process.env: every setting is validated once, at first use,
// so a typo in a deployment fails loudly with the variable's name instead of deep in a request.
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
  // Snapshot pictures: how long one render may take (waiting for a turn included), and how many
  // run at once (each is a Chromium page: memory and CPU; the others wait their turn).
  REAPER_SNAPSHOT_RENDER_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
  REAPER_SNAPSHOT_RENDERS: z.coerce.number().int().min(1).max(8).default(2),
  // Webhook deliveries: attempts before giving up, the wait before the first retry (doubling after
  // each failure: 30 s, 1, 2, 4 min by default) and how long one attempt may take.
  REAPER_WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  REAPER_WEBHOOK_RETRY_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  REAPER_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  // Background scans: how many run at once, and how many days of scan history are kept (the
  // newest scan of each server always stays).
  REAPER_BACKGROUND_SCAN_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
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
