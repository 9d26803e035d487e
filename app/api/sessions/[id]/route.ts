// DELETE /api/sessions/:id: end one of the caller's own sessions (another person's is NOT_FOUND)
import { clearSessionCookie } from "@/lib/server/auth/cookie";
import { revokeSession } from "@/lib/server/auth/sessions";
import { noContent } from "@/lib/server/http/responses";
import { authedRoute } from "@/lib/server/http/route";

export const DELETE = authedRoute<{ id: string }>(async ({ user, caller, params }) => {
  await revokeSession(user, params.id);
  const res = noContent();
  if (params.id === caller.sessionId) clearSessionCookie(res);
  return res;
});
