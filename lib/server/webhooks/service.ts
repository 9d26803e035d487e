import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { requireRight } from "@/lib/server/auth/rights";
import { findAccount } from "@/lib/server/db/accounts";
import { appendAudit } from "@/lib/server/db/audit";
import { newId, nowIso } from "@/lib/server/db/ids";
import { webhookSecretBinding } from "@/lib/server/db/sealed-columns";
import type { StoredServer } from "@/lib/server/db/servers";
import * as store from "@/lib/server/db/webhooks";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import { seal } from "@/lib/server/secrets/seal";
import { snapshotForAlert } from "@/lib/server/snapshots/service";
import { scheduleDelivery } from "@/lib/server/webhooks/dispatch";
import { alertPayload, testPayload } from "@/lib/server/webhooks/payload";
import type { User } from "@/lib/shared/auth/types";
import type { AlertState, Delivery, Webhook, WebhookEvent, WebhookPayload } from "@/lib/shared/alerts/types";
import type { CreateWebhookInput } from "@/lib/shared/schemas/alerts";

// Webhooks are an admin's: they send fleet facts out of Reaper to an address the admin chose.

function publicView(w: store.StoredWebhook): Webhook {
  return { id: w.id, url: w.url, events: w.events, accountId: w.accountId, createdAt: w.createdAt };
}

async function requireWebhook(id: string): Promise<store.StoredWebhook> {
  const w = await store.findWebhook(id);
  if (!w) throw new AppError("NOT_FOUND", "No such webhook. It may have been deleted; go back to the webhook list.");
  return w;
}

export async function listWebhooks(viewer: User): Promise<Webhook[]> {
  requireRight(viewer, "alerts:manage");
  return (await store.listWebhooks()).map(publicView);
}

/** `linkOrigin`: Reaper's origin as the admin reached it, for the snapshot links in deliveries. */
export async function createWebhook(viewer: User, input: CreateWebhookInput, linkOrigin: string): Promise<Webhook> {
  requireRight(viewer, "alerts:manage");
  const accountId = input.accountId ?? null;
  if (accountId && !(await findAccount(accountId))) {
    throw new AppError("VALIDATION", "accountId: no such account. Pick one from the account list, or leave it empty for every server.", { field: "accountId" });
  }
  const id = newId("whk");
  const w: store.StoredWebhook = { id, url: input.url, events: input.events, accountId, createdAt: nowIso(), sealedSecret: seal(input.secret, webhookSecretBinding(id)), linkOrigin };
  await store.insertWebhook(w);
  await appendAudit({ actor: viewer, serverId: null, kind: "webhook", detail: { action: "create", webhookId: id, url: w.url, events: w.events, accountId }, result: "done", message: `added webhook ${w.url}` });
  return publicView(w);
}

export async function deleteWebhook(viewer: User, id: string): Promise<void> {
  requireRight(viewer, "alerts:manage");
  const w = await requireWebhook(id);
  await store.deleteWebhook(id);
  await appendAudit({ actor: viewer, serverId: null, kind: "webhook", detail: { action: "delete", webhookId: id, url: w.url }, result: "done", message: `deleted webhook ${w.url} and its delivery log` });
}

export async function listDeliveries(viewer: User, webhookId: string, limit: number): Promise<Delivery[]> {
  requireRight(viewer, "alerts:manage");
  await requireWebhook(webhookId);
  return store.listDeliveries(webhookId, limit);
}

async function enqueue(webhookId: string, event: Delivery["event"], serverId: string | null, payload: (id: string, at: string) => WebhookPayload): Promise<Delivery> {
  const id = newId("dlv");
  const at = nowIso();
  await store.insertDelivery({ id, webhookId, event, serverId, body: JSON.stringify(payload(id, at)), createdAt: at });
  await scheduleDelivery(id);
  const stored = await store.findDelivery(id);
  if (!stored) throw new Error(`delivery ${id} vanished right after it was stored`);
  return stored;
}

/** "Send test": a delivery like any other (signed, retried, logged) with no server in it. */
export async function sendTest(viewer: User, webhookId: string): Promise<Delivery> {
  requireRight(viewer, "alerts:manage");
  await requireWebhook(webhookId);
  return enqueue(webhookId, "test", null, testPayload);
}

/** A snapshot that could not be made costs the link, not the alert. */
const noSnapshot = (serverId: string) => (e: unknown) => {
  log.error("alerts.snapshot_failed", { serverId, error: e instanceof Error ? e.stack : String(e) });
  return null;
};

/**
 * Tells every webhook that wants this event, for this server's account, with one snapshot of the
 * scan behind it (frozen only when some webhook will carry it). Never throws at the scan.
 */
export async function notifyWebhooks(event: WebhookEvent, server: StoredServer, state: AlertState): Promise<number> {
  const hooks = await store.webhooksFor(event, server.accountId);
  if (hooks.length === 0) return 0;
  const frozen = state.lastScan ? await snapshotForAlert(server, state.lastScan.scanId, event).catch(noSnapshot(server.id)) : null;
  for (const w of hooks) {
    // REAPER_PUBLIC_URL, when set, is where people open Reaper; else where this webhook's admin did.
    const snapshot = frozen && { url: `${env().REAPER_PUBLIC_URL ?? w.linkOrigin}${frozen.path}`, expiresAt: frozen.expiresAt };
    await enqueue(w.id, event, server.id, (id, at) => alertPayload(event, id, at, server, state, snapshot));
  }
  return hooks.length;
}
