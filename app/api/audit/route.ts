// GET /api/audit?serverId=&actorId=&limit=: the audit log, newest first (append-only: no other verbs)
import { authedRoute, json } from "@/lib/server/http/route";
import { validate } from "@/lib/server/http/validate";
import { listAudit } from "@/lib/server/audit/list-audit";
import { auditQuerySchema } from "@/lib/shared/schemas/audit";

export const GET = authedRoute(async ({ user, req }) => {
  const query = validate(auditQuerySchema, Object.fromEntries(req.nextUrl.searchParams), "query");
  return json({ events: await listAudit(user, query) });
});
