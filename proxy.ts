// Runs before every page request (Next.js 16's successor of middleware.ts): a fresh CSP nonce for
// each page, and the security headers. API routes are left out: when the proxy runs, Next.js
// waits for the request's whole body before the route starts, while the API refuses oversized
// bodies unread (lib/server/http/read-body.ts). next.config.ts gives API answers their headers.
import { NextResponse, type NextRequest } from "next/server";
import { SECURITY_HEADERS, newNonce, pagePolicy } from "@/lib/server/http/security-headers";

// Next.js inlines NODE_ENV at build time; development needs eval for React's debugging aids.
const DEV = process.env.NODE_ENV === "development";

export const config = { matcher: ["/((?!api/).*)"] };

export function proxy(request: NextRequest): NextResponse {
  const policy = pagePolicy(newNonce(), DEV);
  // Next.js reads the nonce from the request's own policy header and puts it on its scripts.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}
