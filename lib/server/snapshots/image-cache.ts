import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/server/env";

// A snapshot never changes, so its PNG is rendered once and kept in the data dir. The file is only
// ever served after the snapshot itself was checked (revoked and expired links answer 410 before
// the cache is looked at); revoking also deletes it.

const dir = (): string => path.join(env().dataDir, "snapshot-images");
/** Snapshot ids are `snp_` + base64url: safe as file names. */
const fileOf = (id: string): string => path.join(dir(), `${id.replace(/[^\w-]/g, "")}.png`);

export async function readCachedImage(id: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(fileOf(id));
  } catch {
    return null;
  }
}

/** Written under a temporary name and renamed, so a reader never sees half a file. */
export async function writeCachedImage(id: string, png: Buffer): Promise<void> {
  await fs.mkdir(dir(), { recursive: true, mode: 0o700 });
  const tmp = `${fileOf(id)}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, png, { mode: 0o600 });
  await fs.rename(tmp, fileOf(id));
}

export async function forgetCachedImage(id: string): Promise<void> {
  await fs.rm(fileOf(id), { force: true });
}
