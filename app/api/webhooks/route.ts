// GET /api/webhooks: every webhook, never its secret (admin); POST: add one (admin)
import { authedRoute, json } from "@/lib/server/http/route";
import { validate } from "@/lib/server/http/validate";
import { createWebhook, listWebhooks } from "@/lib/server/webhooks/service";
import { createWebhookSchema } from "@/lib/shared/schemas/alerts";

export const GET = authedRoute(async ({ user }) => json({ webhooks: await listWebhooks(user) }));

export const POST = authedRoute(async ({ user, body }) => json(await createWebhook(user, validate(createWebhookSchema, await body())), 201));
