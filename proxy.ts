// Runs before every request (Next.js 16's successor of middleware.ts): a fresh CSP nonce for
// each page, and the security headers on every page and answer.
import { NextResponse, type NextRequest } from "next/server";
import { API_POLICY, SECURITY_HEADERS, newNonce, pagePolicy } from "@/lib/server/http/security-headers";

// Next.js inlines NODE_ENV at build time; development needs eval for React's debugging aids.
const DEV = process.env.NODE_ENV === "development";

export function proxy(request: NextRequest): NextResponse {
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  const policy = isApi ? API_POLICY : pagePolicy(newNonce(), DEV);
  // Next.js reads the nonce from the request's own policy header and puts it on its scripts.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}
