import "server-only";
import { AppError, isAppError } from "@/lib/shared/errors/app-error";
import { validate } from "@/lib/server/http/validate";
import type { User } from "@/lib/shared/auth/types";
import type { ActionDetail } from "@/lib/shared/audit/types";
import { recordAudit, requireRefusalAllowance } from "@/lib/server/audit/refusal-limit";
import { appendAudit, type AuditWrite } from "@/lib/server/db/audit";
import { newId, nowIso } from "@/lib/server/db/ids";
import type { StoredServer } from "@/lib/server/db/servers";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import { outcomeUnknown } from "@/lib/server/ssh/exec";
import { actionRequestSchema } from "@/lib/shared/schemas/action";
import { requireStoredServer } from "@/lib/server/servers/service";
import { pinFirstSeenKeys } from "@/lib/server/servers/pin-seen-keys";
import { sshTargetOf } from "@/lib/server/servers/ssh-target";
import { recentIdenticalAction, terminateWasTried } from "@/lib/server/actions/history";
import { describeOutcome } from "@/lib/server/actions/outcome";
import { ACTIONS_BY_ROLE, checkPolicy } from "@/lib/shared/actions/policy";
import { refusalOf } from "@/lib/server/actions/refusals";
import { pollOutcome, sendSignal } from "@/lib/server/actions/remote";
import { restartAndWatch } from "@/lib/server/actions/restart/run-restart";
import { withServerLock } from "@/lib/server/actions/serialize";
import type { Trail } from "@/lib/server/actions/trail";
import { signalOf, type Action, type ActionRequest, type SignalAction } from "@/lib/shared/actions/types";
import { watchOutcome } from "@/lib/server/actions/watch-outcome";

// Codes where nothing was signalled because a rule or the server said no; anything else that
// goes wrong is a failure (nothing ran) or, once the command reached the server, unknown.
const REFUSAL_CODES = new Set(["RATE_LIMITED", "VALIDATION", "NOT_FOUND", "CONFIRMATION_REQUIRED", "PROTECTED_PROCESS", "FORBIDDEN", "PROCESS_CHANGED", "PERMISSION_DENIED", "NOT_RESTARTABLE"]);

function targetDetail(req: ActionRequest): ActionDetail {
  return {
    action: req.action,
    ...(req.action === "restart" ? { unit: req.unit } : { signal: signalOf(req.action) }),
    pid: req.pid,
    startTime: req.startTime,
    ...(req.reason?.trim() && { reason: req.reason.trim().slice(0, 500) }),
  };
}

/** Loose facts from a body that failed validation: still worth a line in the audit log. */
function looseDetail(body: unknown): ActionDetail {
  if (body === null || typeof body !== "object") return {};
  const b = body as Record<string, unknown>;
  return {
    ...(typeof b.action === "string" && { action: b.action.slice(0, 20) }),
    ...(typeof b.pid === "number" && { pid: b.pid }),
    ...(typeof b.unit === "string" && { unit: b.unit.slice(0, 255) }),
    ...(typeof b.startTime === "number" && { startTime: b.startTime }),
  };
}

async function signalAndWatch(viewer: User, server: StoredServer, req: ActionRequest & { action: SignalAction }, trail: Trail): Promise<Action> {
  const target = await sshTargetOf(server);
  const protectedNames = env().REAPER_PROTECTED_NAMES;
  const { report, seen } = await sendSignal(target, { action: req.action, pid: req.pid, startTime: req.startTime, useSudo: server.useSudo, protectedNames });
  if (report.comm !== null) trail.detail.comm = report.comm;
  await pinFirstSeenKeys(server, seen);
  const refusal = refusalOf(report, { pid: req.pid, startTime: req.startTime, username: server.username, protectedNames });
  if (refusal) throw refusal;
  trail.detail.signalled = true;
  const before = report.counts ?? { zombies: 0, initZombies: 0 };
  const watched = await watchOutcome(() => pollOutcome(target, req.pid, req.startTime), before);
  const comm = report.comm ?? `PID ${req.pid}`;
  const words = describeOutcome({ action: req.action, pid: req.pid, comm, before, after: watched.after, settled: watched.settled, allowed: ACTIONS_BY_ROLE[viewer.role] });
  return {
    id: newId("act"),
    serverId: server.id,
    at: nowIso(),
    action: req.action,
    signal: signalOf(req.action),
    pid: req.pid,
    startTime: req.startTime,
    comm,
    status: "done",
    message: words.message,
    before: { zombies: before.zombies },
    after: { zombies: watched.after.zombies, parentAlive: watched.after.alive },
    orphansLeft: words.orphansLeft,
    next: words.next,
    settled: watched.settled,
    replayed: false,
  };
}

async function decide(viewer: User, server: StoredServer, req: ActionRequest, trail: Trail): Promise<Action> {
  const terminateTried = req.action === "kill" && (await terminateWasTried({ serverId: server.id, pid: req.pid, startTime: req.startTime }));
  const refusal = checkPolicy({ role: viewer.role, request: req, terminateTried });
  if (refusal) throw new AppError(refusal.code, refusal.message);
  // A double submission: the same action on the same process just finished while this one
  // waited its turn. Repeat that answer instead of signalling a second time.
  const earlier = await recentIdenticalAction({ serverId: server.id, action: req.action, pid: req.pid, startTime: req.startTime });
  if (earlier) {
    trail.detail = { ...trail.detail, comm: earlier.comm, signalled: false, replayOf: earlier.id };
    return { ...earlier, replayed: true };
  }
  const { action, unit } = req;
  if (action === "restart") {
    // The schema makes unit required for restart; this keeps the type checker in step with it.
    if (unit === undefined) throw new AppError("VALIDATION", "unit: is required for restart", { field: "unit" });
    return restartAndWatch(viewer, server, { ...req, unit }, trail);
  }
  return signalAndWatch(viewer, server, { ...req, action }, trail);
}

async function auditDone(viewer: User, trail: Trail, a: Action): Promise<AuditWrite> {
  const replay = a.replayed;
  return appendAudit({
    ...(!replay && { id: a.id }),
    actor: viewer,
    serverId: trail.serverId,
    kind: "action",
    detail: { ...trail.detail, ...(!replay && { answer: a }) },
    result: "done",
    message: replay ? `Same request as ${a.id} moments ago: answered its result, sent no second signal. ${a.message}` : a.message,
  });
}

async function auditFailure(viewer: User, trail: Trail, e: unknown): Promise<void> {
  const code = isAppError(e) ? e.code : "INTERNAL";
  const message = isAppError(e) ? e.message : "Reaper failed unexpectedly (see the server log).";
  const result = REFUSAL_CODES.has(code) ? "refused" : outcomeUnknown(e) ? "unknown" : "failed";
  await recordAudit({ actor: viewer, serverId: trail.serverId, kind: "action", detail: trail.detail, result, code, message });
}

/** The action happened whatever the store says: a caller whose event waits in the outbox hears both. */
function withAuditState(a: Action, write: AuditWrite): Action {
  if (write.written) return a;
  const what = a.action === "restart" ? "The restart ran" : a.replayed ? "The earlier signal stands" : `${a.signal ?? "The signal"} was sent`;
  return { ...a, auditPending: true, message: `${a.message} ${what}, but the audit log could not be written just now: the event is kept and will be written as soon as the store answers.` };
}

/**
 * POST /api/servers/:id/actions. Every attempt, refusals included, is in the audit log (or, when the
 * store refuses it, in the audit outbox, and the answer says so) before the caller hears the answer. The body is validated here
 * rather than in the route so that a malformed attempt is audited like any other.
 */
export async function runAction(viewer: User, serverId: string, body: unknown): Promise<Action> {
  const trail: Trail = { serverId: null, detail: { requestedServerId: serverId, ...looseDetail(body) } };
  try {
    await requireRefusalAllowance(viewer);
    const server = await requireStoredServer(viewer, serverId);
    trail.serverId = server.id;
    trail.detail = looseDetail(body);
    const req = validate(actionRequestSchema, body);
    trail.detail = targetDetail(req);
    const action = await withServerLock(server.id, async () => {
      const a = await decide(viewer, server, req, trail);
      // Inside the lock, so the next queued request finds this one in the log.
      return withAuditState(a, await auditDone(viewer, trail, a));
    });
    log.info("action.done", { serverId, action: action.action, pid: action.pid, replayed: action.replayed, before: action.before.zombies, after: action.after.zombies });
    return action;
  } catch (e) {
    await auditFailure(viewer, trail, e);
    throw e;
  }
}
