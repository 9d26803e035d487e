// POST /api/servers/:id/scans: scan now; GET: the scan history, newest first
import { authedRoute, json } from "@/lib/api/route";
import { validate } from "@/lib/api/validate";
import { listScans } from "@/lib/db/scans";
import { runScan } from "@/lib/scans/run-scan";
import { scanListQuerySchema } from "@/lib/schemas/scan";
import { requireServerRow } from "@/lib/servers/service";

type P = { id: string };

export const POST = authedRoute<P>(async ({ user, params }) => json(await runScan(user, params.id), 201));

export const GET = authedRoute<P>(async ({ user, params, req }) => {
  const { limit } = validate(scanListQuerySchema, Object.fromEntries(req.nextUrl.searchParams), "query");
  await requireServerRow(user, params.id);
  return json({ scans: await listScans(params.id, limit) });
});
