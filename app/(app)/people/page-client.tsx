"use client";

import { PeopleManager } from "@/components/people/people-manager";
import { Callout } from "@/components/ui/callout";
import type { AccountListItem, Person } from "@/lib/shared/people/types";
import { useAccounts } from "@/lib/client/use-accounts";
import { usePeople } from "@/lib/client/use-people";

/** Everyone who can log in, and what an admin can change about them. */
export function PeoplePageClient({ initialPeople, initialAccounts, selfId }: { initialPeople: Person[]; initialAccounts: AccountListItem[]; selfId: string }) {
  const { people = initialPeople, error } = usePeople(initialPeople);
  const { accounts = initialAccounts } = useAccounts(initialAccounts);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold tracking-tight">People</h1>
        <p className="text-xs text-slate-500">Admins and agents work on every server; customers see their own account&apos;s servers on their panel.</p>
      </div>
      {error ? <Callout tone="error">{error instanceof Error ? error.message : "Could not load the people."}</Callout> : null}
      <PeopleManager people={people} accounts={accounts} selfId={selfId} />
    </div>
  );
}
