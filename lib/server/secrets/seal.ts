import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { masterKey } from "@/lib/server/secrets/master-key";

// AES-256-GCM with a fresh 12-byte nonce per seal. The record's id is bound in as associated
// data, so a sealed blob copied onto another row fails to open instead of leaking there.
const VERSION = 1;

export function sealWith(key: Buffer, plain: string, boundTo: string): Uint8Array {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

/** Throws when the blob is damaged, bound to another record, or sealed with another key. */
export function unsealWith(key: Buffer, sealed: Uint8Array, boundTo: string): string {
  const buf = Buffer.from(sealed);
  if (buf[0] !== VERSION || buf.length < 29) throw new Error("sealed secret has an unknown format");
  const decipher = createDecipheriv("aes-256-gcm", key, buf.subarray(1, 13));
  decipher.setAAD(Buffer.from(boundTo, "utf8"));
  decipher.setAuthTag(buf.subarray(13, 29));
  return Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()]).toString("utf8");
}

export const seal = (plain: string, boundTo: string): Uint8Array => sealWith(masterKey(), plain, boundTo);
export const unseal = (sealed: Uint8Array, boundTo: string): string => unsealWith(masterKey(), sealed, boundTo);
