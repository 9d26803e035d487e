"use client";

import { useRouter } from "next/navigation";
import { AccountsTable } from "@/components/people/accounts-table";
import { NameForm } from "@/components/people/name-form";
import { Callout } from "@/components/ui/callout";
import type { AccountListItem } from "@/lib/shared/people/types";
import { postAccount, useAccounts } from "@/lib/client/use-accounts";

/** Customer accounts; admins create them here, agents read. */
export function AccountsPageClient({ initialAccounts, canWrite }: { initialAccounts: AccountListItem[]; canWrite: boolean }) {
  const router = useRouter();
  const { accounts = initialAccounts, error } = useAccounts(initialAccounts);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold tracking-tight">Accounts</h1>
        <p className="text-xs text-slate-500">Customer organisations. A server belongs to one account (or to none: internal); a customer&apos;s people see only its servers.</p>
      </div>
      {canWrite ? (
        <div className="max-w-lg rounded-lg border border-slate-200 bg-white px-4 py-3">
          <NameForm
            id="new-account"
            label="New account"
            placeholder="Acme Hosting Ltd"
            submitLabel="Create account"
            onSubmit={async (name) => {
              const account = await postAccount(name);
              router.push(`/accounts/${account.id}`);
            }}
          />
        </div>
      ) : null}
      {error ? <Callout tone="error">{error instanceof Error ? error.message : "Could not load the accounts."}</Callout> : null}
      {accounts.length > 0 ? (
        <AccountsTable accounts={accounts} />
      ) : (
        <p data-testid="accounts-empty" className="rounded-lg border border-slate-200 bg-white px-4 py-6 text-center text-slate-600">
          No accounts yet.{canWrite ? " Create one above, then add its servers and its people." : ""}
        </p>
      )}
    </div>
  );
}
