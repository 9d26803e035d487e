// GET /api/webhooks: every webhook, never its secret (admin); POST: add one (admin)
import { publicOrigin } from "@/lib/server/http/client-info";
import { authedRoute, json } from "@/lib/server/http/route";
import { validate } from "@/lib/server/http/validate";
import { createWebhook, listWebhooks } from "@/lib/server/webhooks/service";
import { createWebhookSchema } from "@/lib/shared/schemas/alerts";

export const GET = authedRoute(async ({ user }) => json({ webhooks: await listWebhooks(user) }));

// The origin the admin reached Reaper at is where the webhook's snapshot links will point.
export const POST = authedRoute(async ({ user, body, req }) => json(await createWebhook(user, validate(createWebhookSchema, await body()), publicOrigin(req.headers, req.url)), 201));
