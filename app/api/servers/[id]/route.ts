// GET, PATCH, DELETE /api/servers/:id: one server
import { authedRoute, json } from "@/lib/server/http/route";
import { noContent } from "@/lib/server/http/responses";
import { validate } from "@/lib/server/http/validate";
import { updateServerSchema } from "@/lib/shared/schemas/server";
import { deleteServer, getServer, updateServer } from "@/lib/server/servers/service";

type P = { id: string };

export const GET = authedRoute<P>(async ({ user, params }) => json(await getServer(user, params.id)));

export const PATCH = authedRoute<P>(async ({ user, params, body }) => json(await updateServer(user, params.id, validate(updateServerSchema, await body()))));

export const DELETE = authedRoute<P>(async ({ user, params }) => {
  await deleteServer(user, params.id);
  return noContent();
});
