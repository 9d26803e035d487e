import "server-only";
import type { Selectable } from "kysely";
import { getDb } from "@/lib/server/db/client";
import type { WebhookDeliveriesTable, WebhooksTable } from "@/lib/server/db/schema";
import type { Delivery, Webhook, WebhookEvent } from "@/lib/shared/alerts/types";

/** A webhook as the services see it: with its secret, still sealed, and the origin its links use. */
export type StoredWebhook = Webhook & { sealedSecret: Uint8Array; linkOrigin: string };

function toWebhook(r: Selectable<WebhooksTable>): StoredWebhook {
  return { id: r.id, url: r.url, events: JSON.parse(r.events) as WebhookEvent[], accountId: r.account_id, createdAt: r.created_at, sealedSecret: r.secret, linkOrigin: r.link_origin };
}

export async function insertWebhook(w: StoredWebhook): Promise<void> {
  const db = await getDb();
  await db
    .insertInto("webhooks")
    .values({ id: w.id, url: w.url, secret: w.sealedSecret, events: JSON.stringify(w.events), account_id: w.accountId, link_origin: w.linkOrigin, created_at: w.createdAt })
    .execute();
}

export async function listWebhooks(): Promise<StoredWebhook[]> {
  const db = await getDb();
  return (await db.selectFrom("webhooks").selectAll().orderBy("created_at").orderBy("id").execute()).map(toWebhook);
}

export async function findWebhook(id: string): Promise<StoredWebhook | undefined> {
  const db = await getDb();
  const row = await db.selectFrom("webhooks").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toWebhook(row);
}

/** Deletes the webhook and its delivery log; true when it existed. */
export async function deleteWebhook(id: string): Promise<boolean> {
  const db = await getDb();
  const r = await db.deleteFrom("webhooks").where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The webhooks to tell about an event on a server of this account. */
export async function webhooksFor(event: WebhookEvent, accountId: string | null): Promise<StoredWebhook[]> {
  const all = await listWebhooks();
  return all.filter((w) => w.events.includes(event) && (w.accountId === null || w.accountId === accountId));
}

export type NewDelivery = { id: string; webhookId: string; event: Delivery["event"]; serverId: string | null; body: string; createdAt: string };

export async function insertDelivery(d: NewDelivery): Promise<void> {
  const db = await getDb();
  await db
    .insertInto("webhook_deliveries")
    .values({ id: d.id, webhook_id: d.webhookId, event: d.event, server_id: d.serverId, body: d.body, created_at: d.createdAt, status: "pending", attempts: 0, next_attempt_at: d.createdAt, response_status: null, error: null, delivered_at: null })
    .execute();
}

type DeliveryRow = Selectable<WebhookDeliveriesTable>;

function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    webhookId: r.webhook_id,
    event: r.event as Delivery["event"],
    serverId: r.server_id,
    at: r.created_at,
    status: r.status,
    attempts: r.attempts,
    responseStatus: r.response_status,
    error: r.error,
    nextAttemptAt: r.next_attempt_at,
    deliveredAt: r.delivered_at,
  };
}

export async function listDeliveries(webhookId: string, limit: number): Promise<Delivery[]> {
  const db = await getDb();
  const rows = await db.selectFrom("webhook_deliveries").selectAll().where("webhook_id", "=", webhookId).orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute();
  return rows.map(toDelivery);
}

export async function findDelivery(id: string): Promise<Delivery | undefined> {
  const db = await getDb();
  const row = await db.selectFrom("webhook_deliveries").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toDelivery(row);
}

/**
 * A pending delivery's next attempt: the body, the webhook and the attempt's number. The job queue
 * runs one attempt of a delivery at a time (its id is the singleton key).
 */
export async function pendingAttempt(id: string): Promise<{ body: string; webhook: StoredWebhook; attempt: number } | undefined> {
  const db = await getDb();
  const row = await db.selectFrom("webhook_deliveries").selectAll().where("id", "=", id).where("status", "=", "pending").executeTakeFirst();
  const webhook = row && (await findWebhook(row.webhook_id));
  return row && webhook && { body: row.body, webhook, attempt: row.attempts + 1 };
}

export type AttemptResult = {
  status: "pending" | "delivered" | "failed";
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
};

export async function recordAttempt(id: string, r: AttemptResult): Promise<void> {
  const db = await getDb();
  await db
    .updateTable("webhook_deliveries")
    .set({ status: r.status, attempts: r.attempts, response_status: r.responseStatus, error: r.error, next_attempt_at: r.nextAttemptAt, delivered_at: r.deliveredAt })
    .where("id", "=", id)
    .execute();
}

/** Deliveries still to be attempted, with when. */
export async function pendingDeliveryIds(): Promise<{ id: string; nextAttemptAt: string }[]> {
  const db = await getDb();
  const rows = await db.selectFrom("webhook_deliveries").select(["id", "next_attempt_at", "created_at"]).where("status", "=", "pending").execute();
  return rows.map((r) => ({ id: r.id, nextAttemptAt: r.next_attempt_at ?? r.created_at }));
}

/** Deletes delivered and failed deliveries made before `before`; answers how many. */
export async function pruneDeliveries(before: string): Promise<number> {
  const db = await getDb();
  const r = await db.deleteFrom("webhook_deliveries").where("created_at", "<", before).where("status", "!=", "pending").executeTakeFirst();
  return Number(r.numDeletedRows);
}
