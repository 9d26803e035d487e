// DELETE /api/tokens/:id: revoke one of the caller's own API tokens
import { revokeToken } from "@/lib/server/auth/tokens";
import { noContent } from "@/lib/server/http/responses";
import { authedRoute } from "@/lib/server/http/route";

export const DELETE = authedRoute<{ id: string }>(async ({ user, params }) => {
  await revokeToken(user, params.id);
  return noContent();
});
