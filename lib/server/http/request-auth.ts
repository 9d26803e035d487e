import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/shared/errors/app-error";
import { SESSION_COOKIE, sessionFor } from "@/lib/server/auth/sessions";
import { tokenUser } from "@/lib/server/auth/tokens";
import { ownOrigin, requestOrigin } from "@/lib/server/http/client-info";
import type { User } from "@/lib/shared/auth/types";

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Who is calling, and how: a browser session (cookie) or an API token (Authorization: Bearer). */
export type Caller = { user: User; sessionId: string | null; tokenId: string | null };

/**
 * A cookie rides along on cross-site requests, so a mutating request that carries one must
 * prove it comes from our own pages: its Origin must be Reaper's own origin, scheme and port
 * included (REAPER_PUBLIC_URL, or the Host; X-Forwarded-* only behind a trusted proxy).
 */
export function checkOrigin(req: NextRequest): void {
  if (!MUTATING.has(req.method)) return;
  const origin = requestOrigin(req.headers);
  const own = ownOrigin(req.headers);
  if (origin === null || own === null || origin !== own) {
    throw new AppError(
      "CSRF",
      "This request did not come from Reaper's own pages. Reload Reaper and try again. (Behind a reverse proxy, set REAPER_PUBLIC_URL to the address people open Reaper at.)",
    );
  }
}

const BEARER = /^Bearer +(\S+)$/i;

/**
 * A Bearer token wins over a cookie and needs no Origin check: a page on another site cannot
 * make a browser send it. A cookie-borne mutation must pass the Origin check.
 */
export async function authenticate(req: NextRequest): Promise<Caller> {
  const header = req.headers.get("authorization");
  if (header !== null) {
    const match = BEARER.exec(header.trim());
    if (!match?.[1]) throw new AppError("UNAUTHENTICATED", "Authorization: send `Bearer <token>` with an API token from the Tokens page.");
    const found = await tokenUser(match[1]);
    if (!found) throw new AppError("UNAUTHENTICATED", "This API token is not valid: it was revoked, its owner was disabled, or it is mistyped. Make a new one on the Tokens page.");
    return { user: found.user, sessionId: null, tokenId: found.tokenId };
  }
  const session = await sessionFor(req.cookies.get(SESSION_COOKIE)?.value);
  if (!session) throw new AppError("UNAUTHENTICATED", "You are not logged in, or your session expired. Log in again.");
  checkOrigin(req);
  return { user: session.user, sessionId: session.sessionId, tokenId: null };
}
