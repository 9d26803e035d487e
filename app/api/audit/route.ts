// GET /api/audit?serverId=&actorId=&limit=: the audit log, newest first (append-only: no other verbs)
import { authedRoute, json } from "@/lib/api/route";
import { validate } from "@/lib/api/validate";
import { listAudit } from "@/lib/audit/list-audit";
import { auditQuerySchema } from "@/lib/schemas/audit";

export const GET = authedRoute(async ({ user, req }) => {
  const query = validate(auditQuerySchema, Object.fromEntries(req.nextUrl.searchParams), "query");
  return json({ events: await listAudit(user, query) });
});
