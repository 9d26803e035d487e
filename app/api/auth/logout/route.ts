// POST /api/auth/logout: end this session
import { SESSION_COOKIE, deleteSession } from "@/lib/server/auth/sessions";
import { clearSessionCookie } from "@/lib/server/auth/cookie";
import { authedRoute, } from "@/lib/server/http/route";
import { noContent } from "@/lib/server/http/responses";

export const POST = authedRoute(async ({ req }) => {
  await deleteSession(req.cookies.get(SESSION_COOKIE)?.value);
  const res = noContent();
  clearSessionCookie(res);
  return res;
});
