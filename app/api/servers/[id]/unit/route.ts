// GET /api/servers/:id/unit?pid=&startTime=: the systemd service that owns a process, and what restarting it stops
import { authedRoute, json } from "@/lib/server/http/route";
import { validate } from "@/lib/server/http/validate";
import { getServiceUnit } from "@/lib/server/actions/restart/unit-info";
import { unitQuerySchema } from "@/lib/shared/schemas/unit";

export const GET = authedRoute<{ id: string }>(async ({ user, params, req }) =>
  json(await getServiceUnit(user, params.id, validate(unitQuerySchema, Object.fromEntries(req.nextUrl.searchParams), "query"))),
);
