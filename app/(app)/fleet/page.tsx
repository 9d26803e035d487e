import type { Metadata } from "next";
import { FleetPageClient } from "./page-client";
import { requireUser } from "@/lib/server/auth/current-user";
import { listAccounts } from "@/lib/server/people/accounts";
import { may } from "@/lib/shared/actions/policy";

export const metadata: Metadata = { title: "Fleet" };

export default async function FleetRoute() {
  const user = await requireUser();
  // Staff filter by account; a customer's fleet is their own account already.
  const accounts = may(user.role, "accounts:read") ? (await listAccounts(user)).map((a) => ({ id: a.id, name: a.name })) : null;
  return <FleetPageClient accounts={accounts} serverPage={may(user.role, "servers:inspect") ? "servers" : "panel"} />;
}
