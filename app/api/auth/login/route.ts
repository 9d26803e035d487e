// POST /api/auth/login: exchange email and password for a session cookie
import { checkOrigin } from "@/lib/api/request-auth";
import { json, publicRoute } from "@/lib/api/route";
import { validate } from "@/lib/api/validate";
import { setSessionCookie } from "@/lib/auth/cookie";
import { logIn } from "@/lib/auth/login";
import { loginSchema } from "@/lib/schemas/auth";

export const POST = publicRoute(async ({ req, body }) => {
  // A forged cross-site login would sign the victim into an attacker's account.
  if (req.headers.get("origin")) checkOrigin(req);
  const { email, password } = validate(loginSchema, await body());
  const { user, token, expiresAt } = await logIn(email, password);
  const res = json({ user });
  setSessionCookie(req, res, token, expiresAt);
  return res;
});
