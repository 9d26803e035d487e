// PUT /api/alerts/thresholds/:scope: set the global ("global") or an account's thresholds (admin);
// DELETE /api/alerts/thresholds/:accountId: the account goes back to the global ones (admin)
import { clearAccountThresholds, setThresholds } from "@/lib/server/alerts/thresholds";
import { authedRoute, json } from "@/lib/server/http/route";
import { noContent } from "@/lib/server/http/responses";
import { validate } from "@/lib/server/http/validate";
import { thresholdsSchema } from "@/lib/shared/schemas/alerts";

type P = { scope: string };

export const PUT = authedRoute<P>(async ({ user, params, body }) => json(await setThresholds(user, params.scope, validate(thresholdsSchema, await body()))));

export const DELETE = authedRoute<P>(async ({ user, params }) => {
  await clearAccountThresholds(user, params.scope);
  return noContent();
});
