import "server-only";
import type { User } from "@/lib/shared/auth/types";
import { thresholdsLookup } from "@/lib/server/alerts/thresholds";
import { scanStatuses } from "@/lib/server/db/scan-status";
import { listServers } from "@/lib/server/servers/service";
import { assessRisk, compareRisk } from "@/lib/shared/fleet/risk";
import type { FleetRow } from "@/lib/shared/fleet/types";

/** Every server the viewer may see, with its last scan, reachability and risk, riskiest first. */
export async function listFleet(viewer: User): Promise<FleetRow[]> {
  const servers = await listServers(viewer);
  const [statuses, thresholdsOf] = await Promise.all([scanStatuses(servers.map((s) => s.id)), thresholdsLookup()]);
  const rows = servers.map((server): FleetRow => {
    const status = statuses.get(server.id);
    const lastScan = status?.lastScan ?? null;
    const reachability = status?.reachability ?? null;
    return { server, lastScan, reachability, ...assessRisk({ summary: lastScan?.summary ?? null, reachability }, thresholdsOf(server.accountId)) };
  });
  const failures = (r: FleetRow) => r.reachability?.failuresInRow ?? 0;
  return rows.sort((a, b) =>
    compareRisk(
      { ...a, summary: a.lastScan?.summary ?? null, failuresInRow: failures(a), name: a.server.name },
      { ...b, summary: b.lastScan?.summary ?? null, failuresInRow: failures(b), name: b.server.name },
    ),
  );
}
