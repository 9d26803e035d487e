import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { appendAudit, type AuditInput } from "@/lib/server/db/audit";
import { closeBursts, recordRefusal, refusalState, type RefusalBurst } from "@/lib/server/db/refusal-bursts";
import { env } from "@/lib/server/env";

// Refused attempts are audited (someone probing is worth seeing), but not without bound: one
// fuzzing pass wrote 125 rows. A person's first REAPER_REFUSAL_LIMIT refusals within a window
// (REAPER_REFUSAL_WINDOW_SECONDS) are logged one by one; past that the person is answered
// RATE_LIMITED before any work, and whatever they have refused until they are quiet for a whole
// window is counted into one event: the burst.

function limit(): { max: number; windowMs: number; since: string } {
  const windowMs = env().REAPER_REFUSAL_WINDOW_SECONDS * 1000;
  return { max: env().REAPER_REFUSAL_LIMIT, windowMs, since: new Date(Date.now() - windowMs).toISOString() };
}

function summaryOf(b: RefusalBurst): AuditInput & { at: string } {
  const codes = Object.entries(b.codes)
    .map(([code, n]) => `${n} ${code}`)
    .join(", ");
  const { max, windowMs } = limit();
  return {
    actor: b.actor,
    serverId: b.serverId,
    kind: "refusals",
    detail: { count: b.count, from: b.startedAt, to: b.lastAt, codes: b.codes },
    result: "refused",
    code: "RATE_LIMITED",
    message: `${b.count} more refused attempt${b.count === 1 ? "" : "s"} by ${b.actor.email} from ${b.startedAt} to ${b.lastAt} (${codes}), past ${max} refusals within ${windowMs / 1000} s: counted together here instead of one event each.`,
    at: b.lastAt,
  };
}

/**
 * RATE_LIMITED, before any other work, for a person with REAPER_REFUSAL_LIMIT refusals within the
 * window or a burst still growing. A burst of theirs that went quiet is written to the log first.
 */
export async function requireRefusalAllowance(actor: { id: string }): Promise<void> {
  const { max, windowMs, since } = limit();
  await closeBursts(since, summaryOf, actor.id);
  const { logged, burstLastAt } = await refusalState(actor.id, since);
  if (burstLastAt === null && logged < max) return;
  const seconds = windowMs / 1000;
  throw new AppError(
    "RATE_LIMITED",
    `You had ${max} refused requests within ${seconds} s. Wait ${seconds} s, then try again: until then every request that changes something is refused, and counted together in the audit log.`,
    { retryAfterSeconds: seconds },
  );
}

/** An audit event; a refused one counts against its person's allowance (see above). */
export async function recordAudit(input: AuditInput): Promise<void> {
  if (input.result !== "refused") {
    await appendAudit(input);
    return;
  }
  const { max, since } = limit();
  await recordRefusal(input, { max, since });
}

/** Bursts quiet for a whole window become their audit event: before the log is read, and at start. */
export async function closeQuietBursts(): Promise<void> {
  await closeBursts(limit().since, summaryOf);
}
