import type { Metadata } from "next";
import { requireCapability } from "@/lib/server/auth/current-user";
import { listAccounts } from "@/lib/server/people/accounts";
import { listPeople } from "@/lib/server/people/people";
import { PeoplePageClient } from "./page-client";

export const metadata: Metadata = { title: "People" };

export default async function PeopleRoute() {
  const user = await requireCapability("people:manage");
  const [people, accounts] = await Promise.all([listPeople(user), listAccounts(user)]);
  return <PeoplePageClient initialPeople={people} initialAccounts={accounts} selfId={user.id} />;
}
