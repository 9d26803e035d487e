"use client";

import { useState, type FormEvent } from "react";
import type { AccountName } from "@/components/fleet/fleet-filters";
import { fieldMessage } from "@/components/servers/server-form-values";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Spinner } from "@/components/ui/spinner";
import { SelectFilter } from "@/components/ui/filter-field";
import { TextField } from "@/components/ui/text-field";
import { WEBHOOK_EVENTS, type Webhook, type WebhookEvent } from "@/lib/shared/alerts/types";
import { isApiError } from "@/lib/client/fetcher";
import { postWebhook } from "@/lib/client/use-webhooks";

export type NewWebhook = { webhook: Webhook; secret: string };

const EVENT_HINT: Record<WebhookEvent, string> = { "server.at-risk": "a server turns at risk", "server.recovered": "it is no longer at risk" };

/** 32 random bytes, base64url: the shared secret the receiver checks X-Reaper-Signature with. */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Adds a webhook; Reaper makes its secret, which the caller shows once. */
export function WebhookForm({ accounts, onAdded }: { accounts: AccountName[]; onAdded: (added: NewWebhook) => void }) {
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<Set<WebhookEvent>>(new Set(WEBHOOK_EVENTS));
  const [accountId, setAccountId] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);

  const toggle = (e: WebhookEvent) =>
    setEvents((s) => {
      const next = new Set(s);
      if (!next.delete(e)) next.add(e);
      return next;
    });

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const secret = newSecret();
    try {
      const webhook = await postWebhook({ url, secret, events: [...events], accountId: accountId || null });
      setUrl("");
      onAdded({ webhook, secret });
    } catch (err) {
      const field = isApiError(err) ? err.detail("field") : null;
      setError({ field, message: err instanceof Error ? (field ? fieldMessage(field, err.message) : err.message) : "The webhook could not be added. Try again." });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-3" noValidate aria-label="Add a webhook">
      <TextField
        id="webhook-url"
        label="Receiver URL"
        type="url"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        placeholder="https://tickets.example.com/hooks/reaper"
        maxLength={2048}
        autoComplete="off"
        error={error?.field === "url" ? error.message : null}
        hint="Reaper POSTs signed JSON here from its own network; a secret is made for it and shown once."
      />
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <fieldset>
          <legend className="mb-1 text-xs font-medium text-slate-700">Send when</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {WEBHOOK_EVENTS.map((ev) => (
              <label key={ev} className="flex items-center gap-1.5" title={EVENT_HINT[ev]}>
                <input type="checkbox" checked={events.has(ev)} onChange={() => toggle(ev)} />
                <span className="font-mono text-xs">{ev}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <SelectFilter
          id="webhook-account"
          label="Servers"
          value={accountId}
          choices={[{ value: "", label: "Every server" }, ...accounts.map((a) => ({ value: a.id, label: a.name }))]}
          onChange={setAccountId}
          width="w-56"
        />
        <Button type="submit" variant="primary" disabled={busy || url.trim() === "" || events.size === 0}>
          {busy ? <Spinner className="size-3.5" /> : null}
          Add webhook
        </Button>
      </div>
      {error && error.field !== "url" ? <Callout tone="error">{error.message}</Callout> : null}
    </form>
  );
}
