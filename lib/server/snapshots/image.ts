import "server-only";
import { nowIso } from "@/lib/server/db/ids";
import { forgetSnapshotImage, keepSnapshotImage, readSnapshotImage } from "@/lib/server/db/snapshot-images";
import { findSnapshot } from "@/lib/server/db/snapshots";
import { renderSnapshotPage, type PageLinks } from "@/lib/server/snapshots/page/snapshot-page";
import { renderPng } from "@/lib/server/snapshots/renderer";
import { snapshotBody } from "@/lib/server/snapshots/service";
import type { SnapshotInfo } from "@/lib/shared/snapshots/types";

// A snapshot's picture: from the store, or rendered once. Twenty requests to this instance for the
// same new snapshot wait for one render. The caller has checked the snapshot is live (so a revoked one is 410 even
// when its picture is still on disk).

const key = Symbol.for("reaper.snapshot-images-in-flight");
type WithInFlight = typeof globalThis & { [key]?: Map<string, Promise<Buffer>> };
const inFlight = (): Map<string, Promise<Buffer>> => ((globalThis as WithInFlight)[key] ??= new Map());

async function renderAndKeep(info: SnapshotInfo, links: PageLinks): Promise<Buffer> {
  const png = await renderPng(renderSnapshotPage(await snapshotBody(info), info, links));
  await keepSnapshotImage(info.id, png, nowIso());
  // Revoked while it rendered: the revocation already cleared the picture, so clear this copy too.
  if ((await findSnapshot(info.id, nowIso()))?.status !== "active") await forgetSnapshotImage(info.id);
  return png;
}

export async function snapshotImage(info: SnapshotInfo, links: PageLinks): Promise<{ png: Buffer; cached: boolean }> {
  const cached = await readSnapshotImage(info.id);
  if (cached) return { png: cached, cached: true };
  const running = inFlight();
  let render = running.get(info.id);
  if (!render) {
    render = renderAndKeep(info, links).finally(() => running.delete(info.id));
    running.set(info.id, render);
  }
  return { png: await render, cached: false };
}
