import "server-only";
import { nowIso } from "@/lib/server/db/ids";
import { pendingAttempt, recordAttempt, type AttemptResult } from "@/lib/server/db/webhooks";
import { webhookSecretBinding } from "@/lib/server/db/sealed-columns";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import { unseal } from "@/lib/server/secrets/seal";
import { SIGNATURE_HEADER, signBody } from "@/lib/server/webhooks/signature";

type Answer = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** Why fetch failed, in words an admin can act on (the cause carries the socket's error code). */
function networkError(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError")) return `no answer within ${timeoutMs} ms`;
  const cause = e instanceof Error ? (e.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === "string" ? cause.code : null;
  if (code === "ECONNREFUSED") return "connection refused (ECONNREFUSED): nothing listens at that address";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `the host name did not resolve (${code})`;
  if (code) return `could not connect (${code})`;
  return "could not connect";
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<Answer> {
  const timeoutMs = env().REAPER_WEBHOOK_TIMEOUT_MS;
  try {
    // No redirects: a receiver that moved is told to the admin, not followed somewhere unchecked.
    const res = await fetch(url, { method: "POST", body, headers, redirect: "manual", signal: AbortSignal.timeout(timeoutMs), cache: "no-store" });
    await res.body?.cancel();
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    const moved = res.status >= 300 && res.status < 400 ? " (a redirect: Reaper does not follow them; give the final address)" : "";
    return { ok: false, status: res.status, error: `the receiver answered HTTP ${res.status}${moved}` };
  } catch (e) {
    return { ok: false, status: null, error: networkError(e, timeoutMs) };
  }
}

/** Wait before attempt n+1 after attempt n failed: the base, doubling each time. */
export function retryDelayMs(failedAttempt: number): number {
  return env().REAPER_WEBHOOK_RETRY_MS * 2 ** (failedAttempt - 1);
}

/**
 * One attempt of a pending delivery: signed, sent, and its outcome written to the delivery's row.
 * Answers when the next attempt is due, or null when the delivery is settled (or already was).
 */
export async function attemptDelivery(id: string): Promise<Date | null> {
  const claimed = await pendingAttempt(id);
  if (!claimed) return null;
  const { body, webhook, attempt } = claimed;
  let secret: string;
  try {
    secret = unseal(webhook.sealedSecret, webhookSecretBinding(webhook.id));
  } catch {
    const error = "its signing secret cannot be unsealed with the current REAPER_SECRET_KEY: delete the webhook and add it again";
    await recordAttempt(id, { status: "failed", attempts: attempt, responseStatus: null, error, nextAttemptAt: null, deliveredAt: null });
    return null;
  }
  const event = (JSON.parse(body) as { event: string }).event;
  const answer = await post(webhook.url, body, {
    "content-type": "application/json",
    "user-agent": "Reaper-Webhook/1",
    "x-reaper-event": event,
    "x-reaper-delivery": id,
    [SIGNATURE_HEADER]: signBody(secret, body),
  });
  const base = { attempts: attempt, responseStatus: answer.status };
  if (answer.ok) {
    await recordAttempt(id, { ...base, status: "delivered", error: null, nextAttemptAt: null, deliveredAt: nowIso() });
    return null;
  }
  const max = env().REAPER_WEBHOOK_ATTEMPTS;
  let result: AttemptResult;
  if (attempt >= max) {
    result = { ...base, status: "failed", error: `gave up after ${attempt} attempt${attempt === 1 ? "" : "s"}: ${answer.error}`, nextAttemptAt: null, deliveredAt: null };
    log.warn("webhook.gave_up", { deliveryId: id, webhookId: webhook.id, attempts: attempt, status: answer.status });
  } else {
    const next = new Date(Date.now() + retryDelayMs(attempt));
    result = { ...base, status: "pending", error: answer.error, nextAttemptAt: next.toISOString(), deliveredAt: null };
  }
  await recordAttempt(id, result);
  return result.nextAttemptAt === null ? null : new Date(result.nextAttemptAt);
}
