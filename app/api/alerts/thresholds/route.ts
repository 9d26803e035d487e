// GET /api/alerts/thresholds: the defaults, the global thresholds and every account's own (staff)
import { getThresholdSettings } from "@/lib/server/alerts/thresholds";
import { authedRoute, json } from "@/lib/server/http/route";

export const GET = authedRoute(async ({ user }) => json(await getThresholdSettings(user)));
