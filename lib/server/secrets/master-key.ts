import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { env } from "@/lib/server/env";

// The 32-byte key that seals stored credentials: REAPER_SECRET_KEY (base64 or hex) when set,
// otherwise a key generated once into the data dir, readable by the owner only.
let cached: Buffer | undefined;

export function decodeKey(text: string): Buffer {
  const trimmed = text.trim();
  const candidates = [
    /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : undefined,
    Buffer.from(trimmed, "base64"),
  ];
  const key = candidates.find((b) => b?.length === 32);
  if (!key) {
    throw new Error(
      "REAPER_SECRET_KEY must be 32 bytes written as 64 hex digits or base64 (e.g. `openssl rand -base64 32`).",
    );
  }
  return key;
}

function loadOrCreate(file: string): Buffer {
  try {
    return decodeKey(fs.readFileSync(file, "utf8"));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fresh = randomBytes(32).toString("base64");
  try {
    // "wx": if another process wrote the key first, keep theirs rather than orphaning its secrets.
    fs.writeFileSync(file, `${fresh}\n`, { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  return decodeKey(fs.readFileSync(file, "utf8"));
}

/** Where the key comes from, named as an operator would look for it. */
export function masterKeySource(): { kind: "env"; name: "REAPER_SECRET_KEY" } | { kind: "file"; file: string } {
  return env().REAPER_SECRET_KEY ? { kind: "env", name: "REAPER_SECRET_KEY" } : { kind: "file", file: keyFile() };
}

export const keyFile = (): string => path.join(env().dataDir, "secret.key");

export function masterKey(): Buffer {
  if (cached) return cached;
  const fromEnv = env().REAPER_SECRET_KEY;
  cached = fromEnv ? decodeKey(fromEnv) : loadOrCreate(keyFile());
  return cached;
}
