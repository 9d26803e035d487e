// POST /api/auth/logout: end this session on the server
import { SESSION_COOKIE, endSession } from "@/lib/server/auth/sessions";
import { clearSessionCookie } from "@/lib/server/auth/cookie";
import { authedRoute } from "@/lib/server/http/route";
import { noContent } from "@/lib/server/http/responses";

export const POST = authedRoute(async ({ req, caller }) => {
  // With an API token there is no session to end: tokens are revoked on the Tokens page.
  if (caller.sessionId !== null) await endSession(req.cookies.get(SESSION_COOKIE)?.value);
  const res = noContent();
  clearSessionCookie(res);
  return res;
});
