// DELETE /api/webhooks/:id: remove a webhook and its delivery log (admin)
import { authedRoute } from "@/lib/server/http/route";
import { noContent } from "@/lib/server/http/responses";
import { deleteWebhook } from "@/lib/server/webhooks/service";

type P = { id: string };

export const DELETE = authedRoute<P>(async ({ user, params }) => {
  await deleteWebhook(user, params.id);
  return noContent();
});
