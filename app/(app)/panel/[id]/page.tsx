import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StaffViewBanner } from "@/components/panel/staff-view-banner";
import { isAppError } from "@/lib/shared/errors/app-error";
import { may } from "@/lib/shared/actions/policy";
import { requireUser } from "@/lib/server/auth/current-user";
import { getScan } from "@/lib/server/scan/read-scans";
import { getServer } from "@/lib/server/servers/service";
import type { Scan } from "@/lib/shared/scan/types";
import { PanelPageClient } from "./page-client";

export const metadata: Metadata = { title: "Is my server healthy?" };

/** The customer's panel; staff open the same page from "View as customer". */
export default async function PanelRoute({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  const server = await getServer(user, id).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const scan = server.lastScan ? await getScan(user, server.lastScan.id).catch((): Scan | undefined => undefined) : undefined;
  const banner = may(user.role, "servers:inspect") ? <StaffViewBanner serverId={server.id} email={user.email} /> : undefined;
  return <PanelPageClient initialServer={server} initialScan={scan} banner={banner} />;
}
