import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { MyServers } from "@/components/panel/my-servers";
import { may } from "@/lib/shared/actions/policy";
import { ServersPageClient } from "./page-client";
import { requireUser } from "@/lib/server/auth/current-user";
import { listServers } from "@/lib/server/servers/service";

export const metadata: Metadata = { title: "Servers" };

/** Staff: the server list. A customer: its panel (straight to it when it has one server). */
export default async function ServersRoute() {
  const user = await requireUser();
  const servers = await listServers(user);
  if (!may(user.role, "servers:inspect")) {
    const only = servers.length === 1 ? servers[0] : undefined;
    if (only) redirect(`/panel/${only.id}`);
    return <MyServers servers={servers} />;
  }
  return <ServersPageClient initialServers={servers} />;
}
