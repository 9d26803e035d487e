// GET /api/fleet/scans/:id: a fleet scan's progress and every server's result so far
import { getFleetScan } from "@/lib/server/fleet/fleet-scans";
import { authedRoute, json } from "@/lib/server/http/route";

type P = { id: string };

export const GET = authedRoute<P>(async ({ user, params }) => json(await getFleetScan(user, params.id)));
