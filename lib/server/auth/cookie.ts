import type { NextResponse } from "next/server";
import { SESSION_COOKIE } from "@/lib/server/auth/sessions";

/**
 * httpOnly so scripts cannot read it; SameSite=Lax plus the Origin check stops cross-site use;
 * Secure when Reaper's own origin is https.
 */
export function setSessionCookie(res: NextResponse, token: string, expires: Date, secure: boolean): void {
  res.cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure, path: "/", expires });
}

export function clearSessionCookie(res: NextResponse): void {
  res.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 0 });
}
