import { createHash } from "node:crypto";

/** OpenSSH's display form of a host key: "SHA256:" + unpadded base64 of the raw key's digest. */
export function fingerprintOf(rawKey: Buffer): string {
  return `SHA256:${createHash("sha256").update(rawKey).digest("base64").replace(/=+$/, "")}`;
}
