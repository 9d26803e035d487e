// POST /api/fleet/scans: scan every server the caller may see (or the ones named), in the background
import { startFleetScan } from "@/lib/server/fleet/fleet-scans";
import { authedRoute, json } from "@/lib/server/http/route";
import { validate } from "@/lib/server/http/validate";
import { fleetScanRequestSchema } from "@/lib/shared/schemas/fleet";

export const POST = authedRoute(async ({ user, body }) => {
  const { serverIds } = validate(fleetScanRequestSchema, await body());
  return json(await startFleetScan(user, serverIds), 202);
});
