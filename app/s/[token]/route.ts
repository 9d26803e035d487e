// GET /s/:token: a snapshot's read-only page, for anyone with the link (no login); 404 unknown, 410 revoked or expired
import { publicOrigin } from "@/lib/server/http/client-info";
import { publicRoute } from "@/lib/server/http/route";
import { htmlResponse, noticeFor } from "@/lib/server/snapshots/page/respond";
import { renderSnapshotPage } from "@/lib/server/snapshots/page/snapshot-page";
import { recordView, snapshotBody, snapshotForToken, snapshotImagePath, snapshotPath } from "@/lib/server/snapshots/service";

export const GET = publicRoute<{ token: string }>(async ({ req, params }) => {
  try {
    const info = await snapshotForToken(params.token);
    const body = await snapshotBody(info);
    await recordView(info);
    const origin = publicOrigin(req.headers, req.url);
    return htmlResponse(renderSnapshotPage(body, info, { url: origin + snapshotPath(params.token), imageUrl: origin + snapshotImagePath(params.token) }));
  } catch (e) {
    return noticeFor(e);
  }
});
