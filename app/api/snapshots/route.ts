// POST /api/snapshots: share a scan to a ticket (a link shown once); GET ?serverId=: a server's shared links
import { publicOrigin } from "@/lib/server/http/client-info";
import { authedRoute, json } from "@/lib/server/http/route";
import { validate } from "@/lib/server/http/validate";
import { createSnapshot, listSnapshots } from "@/lib/server/snapshots/service";
import { createSnapshotSchema, snapshotListQuerySchema } from "@/lib/shared/schemas/snapshot";

export const POST = authedRoute(async ({ user, req, body }) => {
  const input = validate(createSnapshotSchema, await body());
  return json(await createSnapshot(user, input, publicOrigin(req.headers, req.url)), 201);
});

export const GET = authedRoute(async ({ user, req }) => {
  const { serverId } = validate(snapshotListQuerySchema, Object.fromEntries(req.nextUrl.searchParams), "query");
  return json({ snapshots: await listSnapshots(user, serverId) });
});
