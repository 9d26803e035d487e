import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/shared/errors/app-error";
import { may } from "@/lib/shared/actions/policy";
import { requireCapability } from "@/lib/server/auth/current-user";
import { getAccount } from "@/lib/server/people/accounts";
import { AccountPageClient } from "./page-client";

export const metadata: Metadata = { title: "Account" };

export default async function AccountRoute({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireCapability("accounts:read");
  const account = await getAccount(user, id).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return <AccountPageClient initial={account} canRename={may(user.role, "accounts:write")} canManagePeople={may(user.role, "people:manage")} selfId={user.id} />;
}
