import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe; `prefix` tells a reader (or a secret scanner) what kind of secret it is. */
export function newSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

/** How session and API token secrets are stored: a stolen database cannot be replayed. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}
