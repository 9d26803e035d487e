"use client";

import type { NewWebhook } from "@/components/alerts/webhook-form";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { CopyButton } from "@/components/ui/copy-button";
import { SafeText } from "@/components/ui/safe-text";

/** The new webhook's secret, this once: Reaper keeps it sealed and never shows it again. */
export function NewWebhookSecret({ added, onDone }: { added: NewWebhook; onDone: () => void }) {
  return (
    <Callout tone="success" data-testid="new-webhook" title="Webhook added: copy its secret now">
      <p>
        Give it to the receiver at <SafeText value={added.webhook.url} className="font-mono" />. It checks each delivery&apos;s{" "}
        <code className="font-mono">X-Reaper-Signature: sha256=…</code> header, an HMAC-SHA256 of the raw body with this secret. This is the only time
        Reaper shows it.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid="new-webhook-secret" className="min-w-0 rounded bg-white px-2 py-1 font-mono text-xs break-all text-slate-900">
          {added.secret}
        </code>
        <CopyButton text={added.secret} label="Copy secret" />
      </div>
      <Button size="sm" variant="ghost" className="mt-1" onClick={onDone}>
        I have copied it
      </Button>
    </Callout>
  );
}
