// GET /api/scans/:id: one stored scan
import { authedRoute, json } from "@/lib/server/http/route";
import { getScan } from "@/lib/server/scan/read-scans";

export const GET = authedRoute<{ id: string }>(async ({ user, params }) => json(await getScan(user, params.id)));
