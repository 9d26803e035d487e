// GET /s/:token/image.png: a PNG of the snapshot's page, rendered once and cached; 404 unknown, 410 revoked or expired
import { publicOrigin } from "@/lib/server/http/client-info";
import { publicRoute } from "@/lib/server/http/route";
import { snapshotImage } from "@/lib/server/snapshots/image";
import { SNAPSHOT_HEADERS } from "@/lib/server/snapshots/page/respond";
import { snapshotForToken, snapshotImagePath, snapshotPath } from "@/lib/server/snapshots/service";

export const GET = publicRoute<{ token: string }>(async ({ req, params }) => {
  const info = await snapshotForToken(params.token);
  const origin = publicOrigin(req.headers, req.url);
  const { png, cached } = await snapshotImage(info, { url: origin + snapshotPath(params.token), imageUrl: origin + snapshotImagePath(params.token) });
  return new Response(new Uint8Array(png), { headers: { ...SNAPSHOT_HEADERS, "content-type": "image/png", "content-length": String(png.length), "x-reaper-cache": cached ? "hit" : "miss" } });
});
