import "server-only";
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { resealAll } from "@/lib/server/db/sealed-columns";
import { KEY_CHECK, keyCheckValue, verifySecretKey } from "@/lib/server/secrets/key-check";
import { decodeKey, masterKey, masterKeySource } from "@/lib/server/secrets/master-key";
import { sealWith, unsealWith } from "@/lib/server/secrets/seal";

export type Rotation = { resealed: number; newKey: string; keptIn: string };

/**
 * Re-seals every credential under a new key in one transaction (all or nothing), after proving the
 * current key against the store's check value. With a key file in the data dir, the new key
 * replaces it (written beside it, then renamed over it); with REAPER_SECRET_KEY, the operator sets
 * the new value before the next start, which refuses the old one from then on.
 */
export async function rotateSecretKey(newKeyText: string | undefined): Promise<Rotation> {
  await verifySecretKey();
  const oldKey = masterKey();
  const newKey = newKeyText ? decodeKey(newKeyText) : randomBytes(32);
  if (newKey.equals(oldKey)) throw new Error("The new key is the current key: give another one (e.g. `openssl rand -base64 32`).");
  const source = masterKeySource();
  const encoded = newKey.toString("base64");
  const resealed = await resealAll((v) => sealWith(newKey, unsealWith(oldKey, v.sealed, v.binding), v.binding), { name: KEY_CHECK, value: keyCheckValue(newKey) });
  if (source.kind === "file") {
    const next = `${source.file}.new`;
    fs.writeFileSync(next, `${encoded}\n`, { mode: 0o600 });
    fs.renameSync(next, source.file);
    return { resealed, newKey: encoded, keptIn: source.file };
  }
  return { resealed, newKey: encoded, keptIn: "REAPER_SECRET_KEY (set it to the new key before the next start)" };
}
