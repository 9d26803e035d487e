import "server-only";
import { isAppError } from "@/lib/shared/errors/app-error";
import { renderNoticePage } from "@/lib/server/snapshots/page/snapshot-page";

/** Every snapshot answer: never cached along the way (revocation must work at once), never indexed. */
export const SNAPSHOT_HEADERS: Readonly<Record<string, string>> = {
  "cache-control": "no-store",
  "x-robots-tag": "noindex, nofollow",
  "referrer-policy": "no-referrer",
};

export function htmlResponse(html: string, status = 200): Response {
  return new Response(html, { status, headers: { ...SNAPSHOT_HEADERS, "content-type": "text/html; charset=utf-8" } });
}

/** A link that names no snapshot, or a dead one, answers a page a person can read; anything else is the route's. */
export function noticeFor(e: unknown): Response {
  if (isAppError(e) && e.code === "NOT_FOUND") return htmlResponse(renderNoticePage("No such snapshot", e.message), 404);
  if (isAppError(e) && e.code === "GONE") return htmlResponse(renderNoticePage("This snapshot is no longer available", e.message), 410);
  throw e;
}
