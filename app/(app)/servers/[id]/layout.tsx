import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { isAppError } from "@/lib/shared/errors/app-error";
import { may } from "@/lib/shared/actions/policy";
import { requireUser } from "@/lib/server/auth/current-user";
import { requireStoredServer } from "@/lib/server/servers/service";

/**
 * Decides who may open a server page before anything streams (the page below has a loading
 * state), so a server the viewer may not see answers a real 404. A customer's own server opens
 * as their panel.
 */
export default async function ServerLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  await requireStoredServer(user, id).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  if (!may(user.role, "servers:inspect")) redirect(`/panel/${id}`);
  return children;
}
