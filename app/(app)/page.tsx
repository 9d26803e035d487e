import type { Metadata } from "next";
import { ServersPageClient } from "./page-client";
import { requireUser } from "@/lib/server/auth/current-user";
import { listServers } from "@/lib/server/servers/service";

export const metadata: Metadata = { title: "Servers" };

export default async function ServersRoute() {
  const user = await requireUser();
  return <ServersPageClient initialServers={await listServers(user)} />;
}
