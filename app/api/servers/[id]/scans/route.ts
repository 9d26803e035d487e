// POST /api/servers/:id/scans: scan now; GET: the scan history, newest first
import { authedRoute, json } from "@/lib/server/http/route";
import { validate } from "@/lib/server/http/validate";
import { listServerScans } from "@/lib/server/scan/read-scans";
import { runScan } from "@/lib/server/scan/run-scan";
import { scanListQuerySchema } from "@/lib/shared/schemas/scan";

type P = { id: string };

export const POST = authedRoute<P>(async ({ user, params }) => json(await runScan(user, params.id), 201));

export const GET = authedRoute<P>(async ({ user, params, req }) => {
  const { limit } = validate(scanListQuerySchema, Object.fromEntries(req.nextUrl.searchParams), "query");
  return json({ scans: await listServerScans(user, params.id, limit) });
});
