import type { Metadata } from "next";
import { AuditPageClient } from "./page-client";
import { requireUser } from "@/lib/server/auth/current-user";
import { listServers } from "@/lib/server/servers/service";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditRoute({ searchParams }: { searchParams: Promise<{ serverId?: string | string[]; actorId?: string | string[] }> }) {
  const user = await requireUser();
  const servers = await listServers(user);
  const { serverId, actorId } = await searchParams;
  const initialServerId = typeof serverId === "string" && servers.some((s) => s.id === serverId) ? serverId : "";
  // `?actorId=`: "who did what", from a person's Activity link on the People page.
  const initialActorId = typeof actorId === "string" && /^[\w-]{1,64}$/.test(actorId) ? actorId : "";
  return <AuditPageClient servers={servers.map((s) => ({ id: s.id, name: s.name }))} initialServerId={initialServerId} initialActorId={initialActorId} />;
}
