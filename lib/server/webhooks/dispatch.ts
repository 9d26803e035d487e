import "server-only";
import { z } from "zod";
import { pendingDeliveryIds } from "@/lib/server/db/webhooks";
import { env } from "@/lib/server/env";
import { enqueue } from "@/lib/server/jobs/queue";
import type { JobDefinition } from "@/lib/server/jobs/types";
import { attemptDelivery } from "@/lib/server/webhooks/deliver";

// Each attempt of a delivery is a job of the "webhook.deliver" queue; a failed attempt queues the
// next one for when it is due. The delivery's id is the singleton key, so one delivery is never
// attempted twice at once, and its row (attempts, next attempt, outcome) is the log an admin reads.
type Payload = { deliveryId: string };

export const deliverWebhookJob: JobDefinition<Payload> = {
  name: "webhook.deliver",
  payload: z.object({ deliveryId: z.string().min(1) }),
  // Receivers are other people's servers: a few at once, so one slow one cannot hold them all.
  concurrency: () => 4,
  // One attempt ends within the request's timeout; past it and a margin its instance is taken for dead.
  expireInSeconds: () => Math.ceil(env().REAPER_WEBHOOK_TIMEOUT_MS / 1000) + 15,
  run: async ({ deliveryId }) => {
    const next = await attemptDelivery(deliveryId);
    if (next) await scheduleDelivery(deliveryId, next);
    return { nextAttemptAt: next?.toISOString() ?? null };
  },
};

/** Queues the delivery's next attempt for `at` (at once when left out). */
export async function scheduleDelivery(deliveryId: string, at?: Date): Promise<void> {
  await enqueue(deliverWebhookJob, { deliveryId }, { singletonKey: deliveryId, ...(at && { startAfter: at }) });
}

/**
 * At startup, after the queue started: a delivery stored but not yet queued when the process
 * stopped gets its job (one already waiting is kept: the singleton key refuses a second).
 */
export async function resumeDeliveries(): Promise<number> {
  const pending = await pendingDeliveryIds();
  for (const p of pending) await scheduleDelivery(p.id, new Date(p.nextAttemptAt));
  return pending.length;
}
