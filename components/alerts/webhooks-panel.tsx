"use client";

import { useState } from "react";
import { NewWebhookSecret } from "@/components/alerts/new-webhook-secret";
import { WebhookCard } from "@/components/alerts/webhook-card";
import { WebhookForm, type NewWebhook } from "@/components/alerts/webhook-form";
import type { AccountName } from "@/components/fleet/fleet-filters";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SafeText } from "@/components/ui/safe-text";
import type { Webhook } from "@/lib/shared/alerts/types";
import { removeWebhook, useWebhooks } from "@/lib/client/use-webhooks";

/** Webhooks (admin): add one, its secret shown once; each with "Send test" and its delivery log. */
export function WebhooksPanel({ initial, accounts }: { initial: Webhook[]; accounts: AccountName[] }) {
  const { webhooks = initial } = useWebhooks(initial);
  const [added, setAdded] = useState<NewWebhook | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  return (
    <div className="space-y-3">
      <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
        <WebhookForm accounts={accounts} onAdded={setAdded} />
      </div>
      {added ? <NewWebhookSecret added={added} onDone={() => setAdded(null)} /> : null}
      {webhooks.length === 0 ? (
        <p data-testid="webhooks-empty" className="text-sm text-slate-600">
          No webhooks yet: alerts show here and on the fleet page only.
        </p>
      ) : (
        webhooks.map((w) => <WebhookCard key={w.id} webhook={w} accountName={w.accountId ? (names.get(w.accountId) ?? null) : null} onDelete={setDeleting} />)
      )}
      {deleting ? (
        <ConfirmDialog
          title="Delete this webhook?"
          confirmLabel="Delete"
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await removeWebhook(deleting.id);
            if (added?.webhook.id === deleting.id) setAdded(null);
            setDeleting(null);
          }}
        >
          <p>
            <SafeText value={deleting.url} className="font-mono break-all" /> gets no more deliveries, and its delivery log is deleted with it.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
