"use client";

import useSWR, { mutate } from "swr";
import type { Delivery, Webhook } from "@/lib/shared/alerts/types";
import type { CreateWebhookInput } from "@/lib/shared/schemas/alerts";
import { fetcher, sendJson } from "@/lib/client/fetcher";

export const WEBHOOKS_KEY = "/api/webhooks";
export const deliveriesKey = (id: string) => `${WEBHOOKS_KEY}/${encodeURIComponent(id)}/deliveries`;

/** While a delivery is pending its next attempt is on its way: re-read the log this often. */
const PENDING_REFRESH_MS = 2000;

/** Every webhook, never its secret (admin). */
export function useWebhooks(fallback?: Webhook[]) {
  const res = useSWR<{ webhooks: Webhook[] }>(WEBHOOKS_KEY, fetcher, fallback ? { fallbackData: { webhooks: fallback } } : undefined);
  return { ...res, webhooks: res.data?.webhooks };
}

/** A webhook's delivery log, newest first; followed closely while any delivery is still pending. */
export function useDeliveries(webhookId: string) {
  const res = useSWR<{ deliveries: Delivery[] }>(deliveriesKey(webhookId), fetcher, {
    refreshInterval: (data) => (data?.deliveries.some((d) => d.status === "pending") ? PENDING_REFRESH_MS : 30_000),
  });
  return { ...res, deliveries: res.data?.deliveries };
}

export async function postWebhook(input: CreateWebhookInput): Promise<Webhook> {
  const webhook = await sendJson<Webhook>("POST", WEBHOOKS_KEY, input);
  await mutate(WEBHOOKS_KEY);
  return webhook;
}

export async function removeWebhook(id: string): Promise<void> {
  await sendJson<undefined>("DELETE", `${WEBHOOKS_KEY}/${encodeURIComponent(id)}`);
  await mutate(WEBHOOKS_KEY);
}

/** "Send test": a signed test delivery, logged and retried like any other. */
export async function postWebhookTest(id: string): Promise<Delivery> {
  const delivery = await sendJson<Delivery>("POST", `${WEBHOOKS_KEY}/${encodeURIComponent(id)}/test`);
  await mutate(deliveriesKey(id));
  return delivery;
}
