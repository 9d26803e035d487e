import "server-only";
import { listAlertJudgments } from "@/lib/server/db/alerts";
import { scanStatuses } from "@/lib/server/db/scan-status";
import { listStoredServers } from "@/lib/server/db/servers";
import { alertInputsOf } from "@/lib/shared/alerts/scan-facts";
import type { ServerAlert } from "@/lib/shared/alerts/types";
import type { User } from "@/lib/shared/auth/types";

/** The servers the viewer may see that are at risk now, longest at risk first, with the facts judged. */
export async function listAlerts(viewer: User): Promise<ServerAlert[]> {
  const servers = await listStoredServers(viewer);
  const ids = servers.map((s) => s.id);
  const [judgments, statuses] = await Promise.all([listAlertJudgments(ids), scanStatuses(ids)]);
  return servers
    .flatMap((s) => {
      const judgment = judgments.get(s.id);
      return judgment?.atRisk ? [{ server: { id: s.id, name: s.name, accountId: s.accountId }, state: { ...judgment, ...alertInputsOf(statuses.get(s.id)) } }] : [];
    })
    .sort((a, b) => (a.state.since ?? "").localeCompare(b.state.since ?? ""));
}
