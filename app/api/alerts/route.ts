// GET /api/alerts: the servers the caller may see that are at risk now, with the reasons
import { listAlerts } from "@/lib/server/alerts/list-alerts";
import { authedRoute, json } from "@/lib/server/http/route";

export const GET = authedRoute(async ({ user }) => json({ alerts: await listAlerts(user) }));
