// GET /api/webhooks/:id/deliveries: the webhook's delivery log, newest first (admin)
import { authedRoute, json } from "@/lib/server/http/route";
import { validate } from "@/lib/server/http/validate";
import { listDeliveries } from "@/lib/server/webhooks/service";
import { deliveryListQuerySchema } from "@/lib/shared/schemas/alerts";

type P = { id: string };

export const GET = authedRoute<P>(async ({ user, params, req }) => {
  const { limit } = validate(deliveryListQuerySchema, Object.fromEntries(req.nextUrl.searchParams), "query");
  return json({ deliveries: await listDeliveries(user, params.id, limit) });
});
