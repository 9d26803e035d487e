import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/lab/sshd";
import { storeEnv } from "@/tests/support/store";

// One free-port probe for the lab and the tests.
export { freePort };

// The real built app (`next build` output) on a free loopback port with its own data dir (and,
// in the postgres project, its own database), so API tests exercise routing, cookies and headers
// exactly as a browser would.
export const ADMIN = { email: "admin@example.com", password: "admin-password-1" };

export type AppServer = {
  baseUrl: string;
  /** The app's process: for reading its memory, or killing it the hard way (SIGKILL) in crash tests. */
  pid: number;
  dataDir: string;
  /** The app's PostgreSQL database in the postgres project; null on SQLite. */
  databaseUrl: string | null;
  stop: () => Promise<void>;
  logs: () => string;
};

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited early with code ${child.exitCode}`);
    try {
      await fetch(url, { redirect: "manual" });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`the app did not answer at ${url} within ${timeoutMs} ms`);
}

/** `dataDir`: start on an existing data dir (a restart), which stop() then leaves in place. */
export async function startApp(extraEnv: Record<string, string> = {}, opts: { dataDir?: string } = {}): Promise<AppServer> {
  const root = path.resolve(__dirname, "../..");
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npx next build` first (npm test does).");
  }
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "reaper-test-data-"));
  const port = await freePort();
  let output = "";
  const appEnv = { ...(await storeEnv(dataDir)), ...extraEnv };
  const child = spawn(process.execPath, [path.join(root, "scripts/serve.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      REAPER_DATA_DIR: dataDir,
      REAPER_ADMIN_EMAIL: ADMIN.email,
      REAPER_ADMIN_PASSWORD: ADMIN.password,
      REAPER_LOG_LEVEL: "warn",
      // Suites refuse things on purpose, many a minute; tests/api/refusal-limit.test.ts sets its own.
      REAPER_REFUSAL_LIMIT: "10000",
      // Snapshot pictures on a loaded test machine: the tests check what they hold, not their speed.
      REAPER_SNAPSHOT_RENDER_TIMEOUT_MS: "90000",
      ...appEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseUrl}/login`, child, 30_000).catch((e: unknown) => {
    throw new Error(`${e instanceof Error ? e.message : String(e)}; its output:\n${output}`);
  });
  return {
    baseUrl,
    pid: child.pid ?? 0,
    dataDir,
    databaseUrl: appEnv.DATABASE_URL ?? null,
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
