import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import type { User } from "@/lib/shared/auth/types";
import { refusalOf } from "@/lib/server/actions/refusals";
import { lookAtUnit } from "@/lib/server/actions/restart/remote-restart";
import type { UnitLook } from "@/lib/server/actions/restart/restart-report";
import { pinFirstSeenKeys } from "@/lib/server/servers/pin-seen-keys";
import { requireStoredServer } from "@/lib/server/servers/service";
import { sshTargetOf } from "@/lib/server/servers/ssh-target";
import type { ServiceUnit } from "@/lib/shared/actions/service-unit";
import { parseRestartableUnit } from "@/lib/shared/actions/unit-name";
import type { UnitQuery } from "@/lib/shared/schemas/unit";

type Found = Extract<UnitLook, { result: "ok" }>;

/** Why this unit cannot be restarted by Reaper, or null when it can. */
function whyNot(look: Found, who: string): string | null {
  if (look.kind === "none") return `${who} is not in a systemd service (its cgroup is ${look.found || "/"}), so there is no unit to restart.`;
  if (look.kind === "user") return `${who} runs in ${look.unit ?? "a service"} under a user's own systemd (user@UID.service): restart it as that user with systemctl --user.`;
  if (look.systemctl === 127) return "systemctl is not installed on this server.";
  if (look.systemctl !== 0) return `systemd does not run this server's services (systemctl said: ${look.systemctlSaid ?? "nothing"}).`;
  const name = parseRestartableUnit(look.unit ?? "");
  return name.ok ? null : `The unit name ${look.unit ?? ""} ${name.error}.`;
}

/** GET /api/servers/:id/unit: read-only, so every role may look at its own servers. */
export async function getServiceUnit(viewer: User, serverId: string, { pid, startTime }: UnitQuery): Promise<ServiceUnit> {
  const server = await requireStoredServer(viewer, serverId);
  const { look, seen } = await lookAtUnit(await sshTargetOf(server), pid, startTime);
  await pinFirstSeenKeys(server, seen);
  if (look.result !== "ok") {
    const refusal = refusalOf({ ...look, comm: null, counts: null }, { pid, startTime, username: server.username, protectedNames: [] });
    throw refusal ?? new AppError("PROCESS_CHANGED", `PID ${pid} is no longer the process from the scan; scan again.`);
  }
  const who = look.comm === null ? `PID ${pid}` : `${look.comm} (${pid})`;
  const reason = whyNot(look, who);
  return {
    pid,
    startTime,
    comm: look.comm,
    unit: look.kind === "none" ? null : look.unit,
    restartable: reason === null,
    reason,
    description: look.show.description,
    activeState: look.show.activeState,
    subState: look.show.subState,
    mainPid: look.show.mainPid,
    processes: look.processes,
    processCount: look.processCount,
  };
}
