// GET /api/scans/:id: one stored scan
import { authedRoute, json } from "@/lib/api/route";
import { getScan } from "@/lib/scans/get-scan";

export const GET = authedRoute<{ id: string }>(async ({ user, params }) => json(await getScan(user, params.id)));
