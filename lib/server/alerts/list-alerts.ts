import "server-only";
import { listAlertStates } from "@/lib/server/db/alerts";
import { listStoredServers } from "@/lib/server/db/servers";
import type { ServerAlert } from "@/lib/shared/alerts/types";
import type { User } from "@/lib/shared/auth/types";

/** The servers the viewer may see that are at risk now, longest at risk first. */
export async function listAlerts(viewer: User): Promise<ServerAlert[]> {
  const servers = await listStoredServers(viewer);
  const states = await listAlertStates(servers.map((s) => s.id));
  return servers
    .flatMap((s) => {
      const state = states.get(s.id);
      return state?.atRisk ? [{ server: { id: s.id, name: s.name, accountId: s.accountId }, state }] : [];
    })
    .sort((a, b) => (a.state.since ?? "").localeCompare(b.state.since ?? ""));
}
