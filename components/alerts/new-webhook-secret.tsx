"use client";

import type { NewWebhook } from "@/components/alerts/webhook-form";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { SecretOnce } from "@/components/ui/secret-once";
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
      <SecretOnce value={added.secret} testId="new-webhook-secret" copyLabel="Copy secret" />
      <Button size="sm" variant="ghost" className="mt-1" onClick={onDone}>
        I have copied it
      </Button>
    </Callout>
  );
}
