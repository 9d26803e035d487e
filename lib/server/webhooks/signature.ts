import "server-only";
import { createHmac } from "node:crypto";

export const SIGNATURE_HEADER = "x-reaper-signature";

/** `sha256=` and the hex HMAC-SHA256 of the exact body bytes, keyed with the webhook's secret. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}
