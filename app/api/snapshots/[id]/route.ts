// DELETE /api/snapshots/:id: revoke a shared link (its page and picture answer 410 from now on)
import { noContent } from "@/lib/server/http/responses";
import { authedRoute } from "@/lib/server/http/route";
import { revokeSnapshot } from "@/lib/server/snapshots/service";

export const DELETE = authedRoute<{ id: string }>(async ({ user, params }) => {
  await revokeSnapshot(user, params.id);
  return noContent();
});
