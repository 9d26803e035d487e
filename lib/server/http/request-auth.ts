import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/shared/errors/app-error";
import { SESSION_COOKIE, userForSession } from "@/lib/server/auth/sessions";
import type { User } from "@/lib/shared/auth/types";

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The request's own origin as the browser sees it, honouring a reverse proxy's headers. */
function ownHost(req: NextRequest): string | null {
  return req.headers.get("x-forwarded-host") ?? req.headers.get("host");
}

/**
 * A cookie rides along on cross-site requests, so a mutating request that carries one must
 * prove it comes from our own pages: its Origin must be our host.
 */
export function checkOrigin(req: NextRequest): void {
  if (!MUTATING.has(req.method)) return;
  const origin = req.headers.get("origin");
  const host = ownHost(req);
  let originHost: string | null = null;
  try {
    originHost = origin ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  if (!originHost || originHost !== host) {
    throw new AppError("CSRF", "This request did not come from Reaper's own pages. Reload Reaper and try again.");
  }
}

export async function authenticate(req: NextRequest): Promise<User> {
  const header = req.headers.get("authorization");
  if (header?.startsWith("Bearer ")) {
    throw new AppError("UNAUTHENTICATED", "API tokens are not enabled on this Reaper yet. Log in with a session instead.");
  }
  const cookie = req.cookies.get(SESSION_COOKIE)?.value;
  const user = await userForSession(cookie);
  if (!user) throw new AppError("UNAUTHENTICATED", "You are not logged in, or your session expired. Log in again.");
  checkOrigin(req);
  return user;
}
