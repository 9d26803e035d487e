// GET /api/fleet: every server the caller may see with its last scan, reachability and risk, riskiest first
import { listFleet } from "@/lib/server/fleet/fleet-view";
import { authedRoute, json } from "@/lib/server/http/route";

export const GET = authedRoute(async ({ user }) => json({ servers: await listFleet(user) }));
