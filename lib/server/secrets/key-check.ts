import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { storeName } from "@/lib/server/db/client";
import { readMeta, writeMetaOnce } from "@/lib/server/db/meta";
import { anySealedValue } from "@/lib/server/db/sealed-columns";
import { masterKey, masterKeySource } from "@/lib/server/secrets/master-key";
import { unsealWith } from "@/lib/server/secrets/seal";

// A check value of the secret key is stored beside the data it sealed. Started with another key,
// Reaper refuses to start instead of failing every scan later, and never seals anything with it.

export const KEY_CHECK = "secret_key_check";

/** HMAC of a fixed text: tells keys apart without revealing anything about them. */
export function keyCheckValue(key: Buffer): string {
  return createHmac("sha256", key).update("reaper secret key check v1").digest("base64url");
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function wrongKey(): Error {
  const source = masterKeySource();
  const which = source.kind === "env" ? "REAPER_SECRET_KEY is" : `The key in ${source.file} is`;
  return new Error(
    `${which} not the key that sealed the credentials in ${storeName()} (its check value differs). ` +
      "Start Reaper with the original REAPER_SECRET_KEY, or re-seal the data under a new key with `npm run rotate-key` (see the README's Security section).",
  );
}

function opens(key: Buffer, value: { sealed: Uint8Array; binding: string }): boolean {
  try {
    unsealWith(key, value.sealed, value.binding);
    return true;
  } catch {
    return false;
  }
}

/** At start, before any request: the key must be the one the store's credentials were sealed with. */
export async function verifySecretKey(): Promise<void> {
  const key = masterKey();
  const expected = keyCheckValue(key);
  const stored = await readMeta(KEY_CHECK);
  if (stored !== undefined) {
    if (!same(stored, expected)) throw wrongKey();
    return;
  }
  // A store from before the check: prove the key on a sealed value before recording it.
  const sample = await anySealedValue();
  if (sample && !opens(key, sample)) throw wrongKey();
  if (!same(await writeMetaOnce(KEY_CHECK, expected), expected)) throw wrongKey();
}
