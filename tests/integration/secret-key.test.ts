// The secret key that seals credentials, as an operator meets it: a wrong key stops the start, the
// data dir is private, a damaged credential is a clear error about that one server, and the key
// rotation command re-seals everything under a new key.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { ADMIN, freePort, startApp } from "@/tests/support/app-server";

const root = path.resolve(__dirname, "../..");
const keyA = randomBytes(32).toString("base64");
const keyB = randomBytes(32).toString("base64");

let lab: LabServer;
let dataDir: string;

beforeAll(async () => {
  lab = await startLabServer({ name: "secret-key", scenario: { parents: [{ comm: "httpd", zombies: 2 }] } });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "reaper-key-test-"));
});
afterAll(async () => {
  await lab?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Runs a command to its end with the app's environment on `dataDir`; its exit code and output. */
function runToEnd(file: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", REAPER_DATA_DIR: dataDir, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    // A start that does not stop on its own within a minute is a start that did not refuse.
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function withApp<T>(key: string, body: (api: ApiClient) => Promise<T>): Promise<T> {
  const app = await startApp({ REAPER_SECRET_KEY: key }, { dataDir });
  try {
    return await body(await ApiClient.login(app, ADMIN));
  } finally {
    await app.stop();
  }
}

const mode = (file: string): number => fs.statSync(file).mode & 0o777;

describe("the secret key", () => {
  let server: Server;

  it("seals credentials into an owner-only data dir", async () => {
    server = await withApp(keyA, async (api) => {
      const added = await api.call<Server>("POST", "/api/servers", { name: lab.name, host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey });
      expect(added.status).toBe(201);
      expect((await api.call("POST", `/api/servers/${added.body.id}/scans`)).status).toBe(201);
      for (const f of ["reaper.sqlite", "reaper.sqlite-wal", "reaper.sqlite-shm"]) expect(mode(path.join(dataDir, f)), f).toBe(0o600);
      return added.body;
    });
    expect(mode(dataDir)).toBe(0o700);
  });

  it("refuses to start with another key, naming REAPER_SECRET_KEY and the data dir, and changes nothing", async () => {
    const before = fs.readFileSync(path.join(dataDir, "reaper.sqlite"));
    const port = await freePort();
    const { code, output } = await runToEnd(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { REAPER_SECRET_KEY: keyB });
    expect(code).not.toBe(0);
    expect(output).toContain("REAPER_SECRET_KEY is not the key that sealed the credentials in");
    expect(output).toContain(dataDir);
    expect(fs.readFileSync(path.join(dataDir, "reaper.sqlite")).equals(before)).toBe(true);
  });

  it("re-seals every credential under a new key with npm run rotate-key; the old key is refused after", async () => {
    const rotated = await runToEnd("npm", ["run", "-s", "rotate-key"], { REAPER_SECRET_KEY: keyA, REAPER_NEW_SECRET_KEY: keyB });
    expect(rotated.output).toContain("Re-sealed 1 credential(s) under the new key.");
    expect(rotated.code).toBe(0);
    await withApp(keyB, async (api) => {
      const scanned = await api.call<{ summary: { zombies: number } }>("POST", `/api/servers/${server.id}/scans`);
      expect(scanned.status).toBe(201);
      expect(scanned.body.summary.zombies).toBe(2);
    });
    const port = await freePort();
    const old = await runToEnd(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { REAPER_SECRET_KEY: keyA });
    expect(old.code).not.toBe(0);
    expect(old.output).toContain("REAPER_SECRET_KEY is not the key");
  });

  it("answers a damaged credential with an error naming the server, and the rest keeps working", async () => {
    const db = new Database(path.join(dataDir, "reaper.sqlite"));
    db.prepare("UPDATE servers SET secrets = ? WHERE id = ?").run(Buffer.from([1, ...randomBytes(40)]), server.id);
    db.close();
    await withApp(keyB, async (api) => {
      const scanned = await api.call<{ error: { code: string; message: string } }>("POST", `/api/servers/${server.id}/scans`);
      expect(scanned.status).toBe(409);
      expect(scanned.body.error.code).toBe("CREDENTIALS_UNREADABLE");
      expect(scanned.body.error.message).toContain(lab.name);
      expect(scanned.body.error.message).toMatch(/enter its private key \(or password\) again/);
      expect((await api.call("GET", "/api/servers")).status).toBe(200);
      // Entering the key again mends it.
      expect((await api.call("PATCH", `/api/servers/${server.id}`, { privateKey: lab.privateKey })).status).toBe(200);
      expect((await api.call("POST", `/api/servers/${server.id}/scans`)).status).toBe(201);
    });
  });
});
