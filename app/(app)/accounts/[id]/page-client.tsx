"use client";

import Link from "next/link";
import { AccountServers } from "@/components/people/account-servers";
import { NameForm } from "@/components/people/name-form";
import { PeopleManager } from "@/components/people/people-manager";
import { PeopleTable } from "@/components/people/people-table";
import { AccountScanInterval } from "@/components/schedule/account-scan-interval";
import { SafeText } from "@/components/ui/safe-text";
import type { AccountListItem } from "@/lib/shared/people/types";
import { renameAccount, useAccount, type AccountDetail } from "@/lib/client/use-accounts";

type Props = { initial: AccountDetail; canRename: boolean; canManagePeople: boolean; selfId: string };

/** One account: its name (admins rename it), its servers, its people (admins add and change them). */
export function AccountPageClient({ initial, canRename, canManagePeople, selfId }: Props) {
  const { account = initial } = useAccount(initial.id, initial);
  const asListItem: AccountListItem = { id: account.id, name: account.name, createdAt: account.createdAt, scanIntervalMinutes: account.scanIntervalMinutes, servers: account.servers.length, people: account.people.length };
  return (
    <div className="space-y-5">
      <div>
        <nav aria-label="Breadcrumb" className="text-xs text-slate-500">
          <Link href="/accounts" className="hover:underline">
            Accounts
          </Link>{" "}
          <span aria-hidden="true">›</span>
        </nav>
        <h1 data-testid="account-name" className="text-lg font-semibold tracking-tight break-words">
          <SafeText value={account.name} />
        </h1>
      </div>
      {canRename ? (
        <div className="max-w-lg">
          <NameForm id="rename-account" label="Name" submitLabel="Rename" initial={account.name} onSubmit={async (name) => void (await renameAccount(account.id, name))} />
        </div>
      ) : null}
      <AccountScanInterval account={account} canEdit={canRename} />
      <section className="space-y-2">
        <h2 className="text-sm font-semibold">Servers</h2>
        <AccountServers servers={account.servers} />
      </section>
      <section className="space-y-2">
        <h2 className="text-sm font-semibold">People</h2>
        {canManagePeople ? (
          <PeopleManager people={account.people} accounts={[asListItem]} selfId={selfId} fixedAccountId={account.id} />
        ) : account.people.length > 0 ? (
          <PeopleTable people={account.people} accountNames={new Map([[account.id, account.name]])} selfId={selfId} />
        ) : (
          <p className="text-sm text-slate-600">No customer logins yet.</p>
        )}
      </section>
    </div>
  );
}
