import "server-only";
import { timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/shared/errors/app-error";
import type { User } from "@/lib/shared/auth/types";
import { hashSecret, newSecret } from "@/lib/server/auth/secret";
import { appendAudit, listAuditDetails } from "@/lib/server/db/audit";
import { newId, nowIso } from "@/lib/server/db/ids";
import { nextScanStart } from "@/lib/server/db/scans";
import { forgetSnapshotImage } from "@/lib/server/db/snapshot-images";
import { countView, findSnapshot, findSnapshotByHash, insertSnapshot, listSnapshotsOf, markRevoked, readSnapshotBody } from "@/lib/server/db/snapshots";
import { landedScan, readScan } from "@/lib/server/scan/details-step";
import { getScan } from "@/lib/server/scan/read-scans";
import { requireStoredServer } from "@/lib/server/servers/service";
import { formatUtc } from "@/lib/shared/format/time";
import { SNAPSHOT_DEFAULT_DAYS, type CreateSnapshotInput } from "@/lib/shared/schemas/snapshot";
import type { Scan } from "@/lib/shared/scan/types";
import { freezeSnapshot } from "@/lib/server/snapshots/freeze";
import { snapshotSnippets } from "@/lib/shared/snapshots/snippets";
import type { NewSnapshot, SnapshotBody, SnapshotInfo } from "@/lib/shared/snapshots/types";

// Share to ticket: a scan and what was done after it, frozen and opened by an unguessable link.
// Whoever may see a server may share its scans (a customer their own); whoever shared a link, and
// support staff, may revoke it. The link's token is shown once; only its hash is kept.

const DAY_MS = 24 * 60 * 60 * 1000;
/** newSecret's 256 bits in base64url: anything else is not a token and is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/** Who opened a link: nobody logged in, so the audit log names the link itself. */
const LINK_HOLDER = { id: "snapshot-link", email: "someone with the link" };
/** Who froze a scan for a webhook: Reaper itself, after a scan turned a server at risk or back. */
const ALERTS_ACTOR = { id: "system-alerts", email: "Reaper (alerts)" };

export const snapshotPath = (token: string): string => `/s/${token}`;
export const snapshotImagePath = (token: string): string => `/s/${token}/image.png`;

/** The alt text of the picture: which server, when. */
export const snapshotTitle = (body: Pick<SnapshotBody, "serverName" | "scannedAt">): string => `Reaper snapshot of ${body.serverName}, ${formatUtc(body.scannedAt)}`;

/** The actions on the server from this scan until the next one (what was done about what it found). */
async function actionsAfter(serverId: string, startedAt: string) {
  const until = await nextScanStart(serverId, startedAt);
  const events = await listAuditDetails({ serverId, kind: "action", since: startedAt, limit: 200 });
  return events.filter((e) => until === null || e.at < until);
}

type Actor = { id: string; email: string };
type Stored = { id: string; token: string; expiresAt: string; body: SnapshotBody };

/** The one way a snapshot is made: the scan frozen, stored under its new token's hash, audited as `actor`'s. */
async function storeSnapshot(actor: Actor, scan: Scan, server: { id: string; name: string }, ticket: string | null, expiresInDays: number, why: string): Promise<Stored> {
  const body = freezeSnapshot({ scan, serverName: server.name, ticket, actions: await actionsAfter(server.id, scan.startedAt) });
  const token = newSecret();
  const createdAt = nowIso();
  const expiresAt = new Date(Date.parse(createdAt) + expiresInDays * DAY_MS).toISOString();
  const id = newId("snp");
  await insertSnapshot({ id, tokenHash: hashSecret(token), serverId: server.id, scanId: scan.id, ticket: body.ticket, createdAt, createdBy: actor, expiresAt, body });
  await appendAudit({
    actor,
    serverId: server.id,
    kind: "snapshot",
    detail: { action: "create", snapshotId: id, scanId: scan.id, ticket: body.ticket, expiresAt, redactedLines: body.redactedLines },
    result: "done",
    message: `${why} the scan of ${formatUtc(scan.startedAt)} as a snapshot link${body.ticket ? ` for ticket ${body.ticket}` : ""}, valid until ${formatUtc(expiresAt)}`,
  });
  return { id, token, expiresAt, body };
}

/** `origin`: Reaper's public origin, for the absolute links and snippets. */
export async function createSnapshot(user: User, input: CreateSnapshotInput, origin: string): Promise<NewSnapshot> {
  const found = await getScan(user, input.scanId);
  // Shared right after a scan: ps's users and command lines may still be on their way.
  const scan = (await landedScan(found.id)) ?? found;
  const server = await requireStoredServer(user, scan.serverId);
  const { id, token, expiresAt, body } = await storeSnapshot(user, scan, server, input.ticket ?? null, input.expiresInDays, "shared");
  const url = snapshotPath(token);
  const imageUrl = snapshotImagePath(token);
  const absoluteUrl = `${origin}${url}`;
  const absoluteImageUrl = `${origin}${imageUrl}`;
  return { id, token, url, imageUrl, absoluteUrl, absoluteImageUrl, expiresAt, snippets: snapshotSnippets(absoluteUrl, absoluteImageUrl, snapshotTitle(body)) };
}

/**
 * The scan behind an alert, frozen for the webhooks that announce it (default expiry, made by
 * Reaper itself, not by a person). Null when the scan is gone (pruned, or its server deleted).
 */
export async function snapshotForAlert(server: { id: string; name: string }, scanId: string, event: string): Promise<{ path: string; expiresAt: string } | null> {
  const scan = await readScan(scanId);
  if (!scan || scan.serverId !== server.id) return null;
  const { token, expiresAt } = await storeSnapshot(ALERTS_ACTOR, scan, server, null, SNAPSHOT_DEFAULT_DAYS, `for the ${event} alert, Reaper froze`);
  return { path: snapshotPath(token), expiresAt };
}

export async function listSnapshots(user: User, serverId: string): Promise<SnapshotInfo[]> {
  await requireStoredServer(user, serverId);
  return listSnapshotsOf(serverId, nowIso());
}

export async function revokeSnapshot(user: User, id: string): Promise<void> {
  const info = await findSnapshot(id, nowIso());
  if (!info) throw new AppError("NOT_FOUND", "No such snapshot. Reload the list of shared links.");
  await requireStoredServer(user, info.serverId).catch(() => {
    throw new AppError("NOT_FOUND", "No such snapshot. Reload the list of shared links.");
  });
  if (user.role === "customer" && info.createdBy.id !== user.id) {
    throw new AppError("FORBIDDEN", "Only the person who shared this link, or support, may revoke it. Ask your support contact.");
  }
  const revokedNow = await markRevoked(id, nowIso());
  // The picture goes with the link, so no copy of it outlives the revocation.
  await forgetSnapshotImage(id);
  if (!revokedNow) return;
  await appendAudit({
    actor: user,
    serverId: info.serverId,
    kind: "snapshot",
    detail: { action: "revoke", snapshotId: id, views: info.views },
    result: "done",
    message: `revoked a snapshot link${info.ticket ? ` (ticket ${info.ticket})` : ""} after ${info.views} view${info.views === 1 ? "" : "s"}`,
  });
}

/**
 * The live snapshot a link names. NOT_FOUND for a token that names none, GONE for a revoked or
 * expired one. The token's hash is looked up, then compared in constant time with the stored one.
 */
export async function snapshotForToken(token: string): Promise<SnapshotInfo> {
  const notFound = new AppError("NOT_FOUND", "No snapshot has this link. Check that the whole link was copied, or ask for a new one.");
  if (!TOKEN_SHAPE.test(token)) throw notFound;
  const hash = hashSecret(token);
  const found = await findSnapshotByHash(hash, nowIso());
  if (!found || !timingSafeEqual(Buffer.from(found.storedHash), Buffer.from(hash))) throw notFound;
  const { info } = found;
  if (info.status === "revoked") throw new AppError("GONE", "This snapshot link was revoked by the person who shared it or by support. Ask them for a new one.");
  if (info.status === "expired") throw new AppError("GONE", `This snapshot link expired on ${formatUtc(info.expiresAt)}. Ask the person who shared it for a new one.`);
  return info;
}

export async function snapshotBody(info: SnapshotInfo): Promise<SnapshotBody> {
  const body = await readSnapshotBody(info.id);
  if (!body) throw new AppError("GONE", "This snapshot was deleted together with its server.");
  return body;
}

/** 1, 10, 100, ...: the views that are written to the audit log; the rest are only counted. */
const isMilestone = (views: number): boolean => /^10*$/.test(String(views));

/** Counts a view of the page; the first and every tenfold one are audited. */
export async function recordView(info: SnapshotInfo): Promise<void> {
  const views = await countView(info.id, nowIso());
  if (!isMilestone(views)) return;
  await appendAudit({
    actor: LINK_HOLDER,
    serverId: info.serverId,
    kind: "snapshot",
    detail: { action: "view", snapshotId: info.id, views },
    result: "done",
    message: views === 1 ? "a snapshot link was opened for the first time" : `a snapshot link has been opened ${views} times`,
  });
}
