"use client";

import { useState } from "react";
import { NewTokenNotice } from "@/components/auth/new-token";
import { TokensTable } from "@/components/auth/tokens-table";
import { NameForm } from "@/components/people/name-form";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { NewToken, TokenInfo } from "@/lib/shared/auth/types";
import { postToken, revokeToken, useTokens } from "@/lib/client/use-tokens";

/** API tokens for integrations (a ticket system, monitoring): made, shown once, revoked here. */
export function TokensPageClient({ initialTokens }: { initialTokens: TokenInfo[] }) {
  const { tokens = initialTokens } = useTokens(initialTokens);
  const [fresh, setFresh] = useState<NewToken | null>(null);
  const [revoking, setRevoking] = useState<TokenInfo | null>(null);
  return (
    <div className="max-w-3xl space-y-4">
      <div>
        <h1 className="text-lg font-semibold tracking-tight">API tokens</h1>
        <p className="text-xs text-slate-500">For scripts and integrations. A token can do exactly what you can, on the servers you can see; revoke it when it is no longer needed.</p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
        <NameForm id="token-name" label="Token name" placeholder="Ticket system" submitLabel="Create token" onSubmit={async (name) => setFresh(await postToken(name))} />
      </div>
      {fresh ? <NewTokenNotice token={fresh} onDone={() => setFresh(null)} /> : null}
      {tokens.length > 0 ? (
        <TokensTable tokens={tokens} onRevoke={setRevoking} />
      ) : (
        <p data-testid="tokens-empty" className="text-sm text-slate-600">
          No tokens yet.
        </p>
      )}
      {revoking ? (
        <ConfirmDialog
          title={`Revoke "${revoking.name}"?`}
          confirmLabel="Revoke"
          danger
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await revokeToken(revoking.id);
            setRevoking(null);
          }}
        >
          <p>Anything still using it gets 401 from now on.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
