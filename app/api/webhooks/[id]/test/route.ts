// POST /api/webhooks/:id/test: send a signed test delivery now; 202 with the delivery (admin)
import { authedRoute, json } from "@/lib/server/http/route";
import { sendTest } from "@/lib/server/webhooks/service";

type P = { id: string };

export const POST = authedRoute<P>(async ({ user, params }) => json(await sendTest(user, params.id), 202));
