// POST /api/auth/login: exchange email and password for a session cookie
import { checkOrigin } from "@/lib/server/http/request-auth";
import { json, publicRoute } from "@/lib/server/http/route";
import { validate } from "@/lib/server/http/validate";
import { setSessionCookie } from "@/lib/server/auth/cookie";
import { logIn } from "@/lib/server/auth/login";
import { loginSchema } from "@/lib/shared/schemas/auth";

export const POST = publicRoute(async ({ req, body }) => {
  // A forged cross-site login would sign the victim into an attacker's account.
  if (req.headers.get("origin")) checkOrigin(req);
  const { email, password } = validate(loginSchema, await body());
  const { user, token, expiresAt } = await logIn(email, password);
  const res = json({ user });
  setSessionCookie(req, res, token, expiresAt);
  return res;
});
