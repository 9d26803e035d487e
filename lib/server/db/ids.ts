import "server-only";
import { randomBytes } from "node:crypto";

/** Unguessable, prefixed ids ("srv_…") so a log line tells what kind of thing it names. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("base64url")}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
