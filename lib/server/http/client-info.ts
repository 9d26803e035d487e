import "server-only";
import { isIP } from "node:net";
import { env } from "@/lib/server/env";

// Where a request comes from, and which origin it must come from. Headers a client can write
// (X-Forwarded-For, -Host, -Proto) count only when REAPER_TRUST_PROXY says a proxy sets them.

/** Written by scripts/serve.mjs from the socket, over anything the client sent. */
const PEER_HEADER = "x-reaper-peer";
/** Set by scripts/serve.mjs in this process: the peer header above can be believed. */
const SERVED_BY_REAPER = Symbol.for("reaper.server");

type Marked = typeof globalThis & { [SERVED_BY_REAPER]?: boolean };

export function servedByReaper(): boolean {
  return (globalThis as Marked)[SERVED_BY_REAPER] === true;
}

/** "::ffff:127.0.0.1" → "127.0.0.1"; anything that is not an IP address → null. */
export function normalizeAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIP(v) ? v : null;
}

function listOf(header: string | null): string[] {
  return (header ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The socket's address. */
function peerAddress(headers: Headers): string {
  if (servedByReaper()) return normalizeAddress(headers.get(PEER_HEADER)) ?? "unknown";
  // Plain `next start` (startup logs a warning): Next writes the socket address into
  // X-Forwarded-For only when the client sent none, so this can be forged.
  return normalizeAddress(listOf(headers.get("x-forwarded-for")).at(-1)) ?? "unknown";
}

/**
 * The client's address: the socket's, or with REAPER_TRUST_PROXY=N the address N hops back in
 * X-Forwarded-For (each proxy appends the address it was reached from).
 */
export function clientAddress(headers: Headers): string {
  const peer = peerAddress(headers);
  const hops = env().REAPER_TRUST_PROXY;
  if (hops === 0) return peer;
  const chain = [...listOf(headers.get("x-forwarded-for")), peer];
  return normalizeAddress(chain[Math.max(0, chain.length - 1 - hops)]) ?? peer;
}

/**
 * The origin Reaper's own pages have: REAPER_PUBLIC_URL when set; else the Host header over plain
 * HTTP (what this server speaks), or, behind a trusted proxy, X-Forwarded-Host and -Proto.
 */
export function ownOrigin(headers: Headers): string | null {
  const configured = env().REAPER_PUBLIC_URL;
  if (configured) return configured;
  const trusted = env().REAPER_TRUST_PROXY > 0;
  const host = (trusted ? listOf(headers.get("x-forwarded-host"))[0] : undefined) ?? headers.get("host");
  const proto = (trusted ? listOf(headers.get("x-forwarded-proto"))[0]?.toLowerCase() : undefined) ?? "http";
  if (!host || (proto !== "http" && proto !== "https")) return null;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}

/** The Origin header as an origin ("null" and garbage → null). */
export function requestOrigin(headers: Headers): string | null {
  const origin = headers.get("origin");
  if (!origin || origin === "null") return null;
  try {
    return new URL(origin).origin;
  } catch {
    return null;
  }
}

/** The browser's User-Agent, cut short and with control characters removed, for the session list. */
export function userAgentOf(headers: Headers): string {
  return (headers.get("user-agent") ?? "")
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .slice(0, 200);
}

/** What a new session records about where it was opened. */
export function clientOf(headers: Headers): { address: string; userAgent: string } {
  return { address: clientAddress(headers), userAgent: userAgentOf(headers) };
}

/** Cookies are Secure when Reaper's own origin is https. */
export function secureOrigin(headers: Headers): boolean {
  return ownOrigin(headers)?.startsWith("https:") ?? false;
}

/** Reaper's own origin for absolute links (snapshot pages, their pictures); the request's URL when headers give none. */
export function publicOrigin(headers: Headers, requestUrl: string): string {
  return ownOrigin(headers) ?? new URL(requestUrl).origin;
}
