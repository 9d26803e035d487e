"use client";

import { useState } from "react";
import { DeliveryLog } from "@/components/alerts/delivery-log";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { RelativeTime } from "@/components/ui/relative-time";
import { SafeText } from "@/components/ui/safe-text";
import { Spinner } from "@/components/ui/spinner";
import type { Webhook } from "@/lib/shared/alerts/types";
import { isApiError } from "@/lib/client/fetcher";
import { postWebhookTest } from "@/lib/client/use-webhooks";

type Props = { webhook: Webhook; accountName: string | null; onDelete: (w: Webhook) => void };

/** A webhook: where it posts, what for, a "Send test" button, and its delivery log. */
export function WebhookCard({ webhook, accountName, onDelete }: Props) {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const sendTest = async () => {
    setSending(true);
    setError(null);
    try {
      await postWebhookTest(webhook.id);
    } catch (e) {
      setError(isApiError(e) ? e.message : "The test could not be sent. Try again.");
    } finally {
      setSending(false);
    }
  };

  return (
    <section data-testid="webhook" className="space-y-2 rounded-lg border border-slate-200 bg-white px-4 py-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-0.5">
          <h3 data-testid="webhook-url" className="font-mono text-sm break-all text-slate-900">
            <SafeText value={webhook.url} />
          </h3>
          <p className="text-xs text-slate-600">
            {webhook.events.join(", ")} · {webhook.accountId === null ? "every server" : <>servers of {accountName ? <SafeText value={accountName} /> : webhook.accountId}</>} · added{" "}
            <RelativeTime iso={webhook.createdAt} />
          </p>
        </div>
        <div className="flex gap-2">
          <Button size="sm" onClick={() => void sendTest()} disabled={sending}>
            {sending ? <Spinner className="size-3" /> : null}
            Send test
          </Button>
          <Button size="sm" variant="ghost" onClick={() => onDelete(webhook)}>
            Delete
          </Button>
        </div>
      </div>
      {error ? <Callout tone="error">{error}</Callout> : null}
      <DeliveryLog webhookId={webhook.id} />
    </section>
  );
}
