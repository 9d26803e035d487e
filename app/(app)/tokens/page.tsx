import type { Metadata } from "next";
import { requireUser } from "@/lib/server/auth/current-user";
import { listTokens } from "@/lib/server/auth/tokens";
import { TokensPageClient } from "./page-client";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensRoute() {
  const user = await requireUser();
  return <TokensPageClient initialTokens={await listTokens(user)} />;
}
