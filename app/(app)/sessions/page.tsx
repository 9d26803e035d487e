import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession } from "@/lib/server/auth/current-user";
import { listSessions } from "@/lib/server/auth/sessions";
import { SessionsPageClient } from "./page-client";

export const metadata: Metadata = { title: "Where you're logged in" };

export default async function SessionsRoute() {
  const session = await currentSession();
  if (!session) redirect("/login");
  return <SessionsPageClient initialSessions={await listSessions(session.user, session.sessionId)} />;
}
