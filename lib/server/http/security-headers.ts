// The headers every page and answer carries, built per request by proxy.ts. Plain code with no
// Node built-ins: the proxy runs before any route.

/** 128 random bits, base64: a fresh one for every page, so an injected <script> cannot guess it. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Pages: scripts run only with this request's nonce (Next.js puts it on its own scripts when it
 * finds it in the request's policy), and whatever those load ('strict-dynamic'); no inline script,
 * no eval in production. Inline style attributes stay allowed: the process tree positions its
 * rows with them, and styles cannot run code.
 */
export function pagePolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** API answers are data, never documents: they may load nothing and be framed by no one. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  // Links to tickets or snapshots must not carry Reaper's URLs (ids, tokens) to other sites.
  "referrer-policy": "no-referrer",
  // For browsers that predate frame-ancestors.
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};
