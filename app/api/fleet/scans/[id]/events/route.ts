// GET /api/fleet/scans/:id/events: the fleet scan's results as server-sent events, as they finish
import { fleetScanEventStream } from "@/lib/server/fleet/event-stream";
import { authedRoute } from "@/lib/server/http/route";

type P = { id: string };

export const GET = authedRoute<P>(async ({ user, params, req }) => {
  const stream = await fleetScanEventStream(user, params.id, req.signal);
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
  });
});
