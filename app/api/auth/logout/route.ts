// POST /api/auth/logout: end this session
import { SESSION_COOKIE, deleteSession } from "@/lib/auth/sessions";
import { clearSessionCookie } from "@/lib/auth/cookie";
import { authedRoute, } from "@/lib/api/route";
import { noContent } from "@/lib/api/responses";

export const POST = authedRoute(async ({ req }) => {
  await deleteSession(req.cookies.get(SESSION_COOKIE)?.value);
  const res = noContent();
  clearSessionCookie(res);
  return res;
});
