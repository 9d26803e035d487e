import type { Metadata } from "next";
import { may } from "@/lib/shared/actions/policy";
import { requireCapability } from "@/lib/server/auth/current-user";
import { listAccounts } from "@/lib/server/people/accounts";
import { AccountsPageClient } from "./page-client";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsRoute() {
  const user = await requireCapability("accounts:read");
  return <AccountsPageClient initialAccounts={await listAccounts(user)} canWrite={may(user.role, "accounts:write")} />;
}
