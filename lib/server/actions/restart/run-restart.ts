import "server-only";
import type { User } from "@/lib/shared/auth/types";
import { newId, nowIso } from "@/lib/server/db/ids";
import type { StoredServer } from "@/lib/server/db/servers";
import { env } from "@/lib/server/env";
import { describeRestart, restartSettled } from "@/lib/server/actions/restart/restart-outcome";
import { restartRefusalOf } from "@/lib/server/actions/restart/restart-refusals";
import { pollRestart, sendRestart } from "@/lib/server/actions/restart/remote-restart";
import type { Trail } from "@/lib/server/actions/trail";
import { watchUntil, WATCH_DEFAULTS } from "@/lib/server/actions/watch-outcome";
import { pinFirstSeenKeys } from "@/lib/server/servers/pin-seen-keys";
import { sshTargetOf } from "@/lib/server/servers/ssh-target";
import { ACTIONS_BY_ROLE } from "@/lib/shared/actions/policy";
import type { Action, ActionRequest } from "@/lib/shared/actions/types";

// A service's stop and start take longer than a signal's effect: watch for up to 10 s.
const RESTART_WATCH = { ...WATCH_DEFAULTS, maxMs: 10_000 };

/** Restarts the unit that owns the parent (checked on the server), then watches the unit come back and the zombies go. */
export async function restartAndWatch(viewer: User, server: StoredServer, req: ActionRequest & { unit: string }, trail: Trail): Promise<Action> {
  const target = await sshTargetOf(server);
  const protectedNames = env().REAPER_PROTECTED_NAMES;
  const { report, seen } = await sendRestart(target, { pid: req.pid, startTime: req.startTime, unit: req.unit, useSudo: server.useSudo, protectedNames });
  if (report.comm !== null) trail.detail.comm = report.comm;
  await pinFirstSeenKeys(server, seen);
  const refusal = restartRefusalOf(report, { pid: req.pid, startTime: req.startTime, username: server.username, protectedNames, unit: req.unit });
  if (refusal) throw refusal;
  trail.detail.signalled = true;
  const counts = report.counts ?? { zombies: 0, initZombies: 0 };
  const before = { ...counts, unit: report.before };
  const initial = { alive: true, ...counts, unit: report.before };
  const watched = await watchUntil(() => pollRestart(target, req.pid, req.startTime, req.unit), initial, (now) => restartSettled(now, before, req.pid), RESTART_WATCH);
  const comm = report.comm ?? `PID ${req.pid}`;
  const startFailed = report.result === "sent" && report.startFailed;
  const words = describeRestart({ pid: req.pid, comm, unit: req.unit, before, after: watched.after, settled: watched.settled, startFailed, allowed: ACTIONS_BY_ROLE[viewer.role] });
  return {
    id: newId("act"),
    serverId: server.id,
    at: nowIso(),
    action: "restart",
    signal: null,
    pid: req.pid,
    startTime: req.startTime,
    comm,
    status: "done",
    message: words.message,
    before: { zombies: counts.zombies },
    after: { zombies: watched.after.zombies, parentAlive: watched.after.alive },
    orphansLeft: words.orphansLeft,
    next: words.next,
    settled: watched.settled,
    replayed: false,
    unit: { name: req.unit, activeState: watched.after.unit.activeState ?? "unknown", mainPid: watched.after.unit.mainPid },
  };
}
