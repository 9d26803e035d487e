// POST /api/auth/login: exchange email and password for a session cookie (rate limited)
import { SESSION_COOKIE } from "@/lib/server/auth/sessions";
import { setSessionCookie } from "@/lib/server/auth/cookie";
import { logIn } from "@/lib/server/auth/login";
import { clientOf, secureOrigin } from "@/lib/server/http/client-info";
import { checkOrigin } from "@/lib/server/http/request-auth";
import { json, publicRoute } from "@/lib/server/http/route";
import { validate } from "@/lib/server/http/validate";
import { loginSchema } from "@/lib/shared/schemas/auth";

export const POST = publicRoute(async ({ req, body }) => {
  // A forged cross-site login would sign the victim into an attacker's account.
  if (req.headers.get("origin")) checkOrigin(req);
  const { email, password } = validate(loginSchema, await body());
  const { user, token, expiresAt } = await logIn(email, password, clientOf(req.headers), req.cookies.get(SESSION_COOKIE)?.value);
  const res = json({ user });
  setSessionCookie(res, token, expiresAt, secureOrigin(req.headers));
  return res;
});
