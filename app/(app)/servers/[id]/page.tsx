import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/shared/errors/app-error";
import { requireUser } from "@/lib/server/auth/current-user";
import type { User } from "@/lib/shared/auth/types";
import type { Scan } from "@/lib/shared/scan/types";
import { SCAN_HISTORY_LIMIT } from "@/lib/shared/schemas/scan";
import { getScan, listServerScans } from "@/lib/server/scan/read-scans";
import { getServer } from "@/lib/server/servers/service";
import type { Server } from "@/lib/shared/servers/types";
import { ServerPageClient } from "./page-client";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ scan?: string | string[] }> };

async function serverOr404(user: User, id: string): Promise<Server> {
  try {
    return await getServer(user, id);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await requireUser();
  const server = await getServer(user, (await params).id).catch(() => null);
  return { title: server ? server.name : "Server" };
}

export default async function ServerRoute({ params, searchParams }: Props) {
  const { id } = await params;
  const { scan: asked } = await searchParams;
  // `?scan=ID`: a point of the history chart, or a link someone pasted into a ticket.
  const chosenId = typeof asked === "string" && /^[\w-]{1,64}$/.test(asked) ? asked : null;
  const user = await requireUser();
  const server = await serverOr404(user, id);
  const [scans, lastScan] = await Promise.all([
    listServerScans(user, server.id, SCAN_HISTORY_LIMIT),
    server.lastScan ? getScan(user, server.lastScan.id).catch((): Scan | undefined => undefined) : Promise.resolve(undefined),
  ]);
  return <ServerPageClient role={user.role} initialServer={server} initialScans={scans} initialScan={lastScan} initialChosenId={chosenId} />;
}
