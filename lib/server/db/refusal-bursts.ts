import "server-only";
import { getDb } from "@/lib/server/db/client";
import { appendAudit, type AuditInput } from "@/lib/server/db/audit";
import { nowIso } from "@/lib/server/db/ids";
import { withStoreLock } from "@/lib/server/db/store-lock";

// A person's refused attempts past their allowance, counted in one row instead of one audit event
// each (lib/server/audit/refusal-limit.ts has the allowance and the words). Everything about one
// person's refusals runs under that person's store lock, so refusals arriving in parallel (on
// PostgreSQL, at several instances) cannot all slip under the bound, and a burst is written once.

export type RefusalBurst = {
  actor: { id: string; email: string };
  startedAt: string;
  lastAt: string;
  count: number;
  /** The server every refusal was about; null when they were about several, or none. */
  serverId: string | null;
  codes: Record<string, number>;
};

const lockOf = (actorId: string) => `refusals:${actorId}`;

async function loggedSince(actorId: string, since: string): Promise<number> {
  const db = await getDb();
  const row = await db
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("actor_id", "=", actorId)
    .where("result", "=", "refused")
    .where("at", ">=", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** This person's refused events logged since `since`, and when their open burst last grew (null: none). */
export async function refusalState(actorId: string, since: string): Promise<{ logged: number; burstLastAt: string | null }> {
  const db = await getDb();
  const burst = await db.selectFrom("refusal_bursts").select("last_at").where("actor_id", "=", actorId).executeTakeFirst();
  return { logged: await loggedSince(actorId, since), burstLastAt: burst?.last_at ?? null };
}

/**
 * A refused attempt: appended to the audit log while this person has fewer than `max` refusals
 * logged since `since` and no open burst; else counted into their burst.
 */
export async function recordRefusal(input: AuditInput, bound: { max: number; since: string }): Promise<"logged" | "counted"> {
  return withStoreLock(lockOf(input.actor.id), async () => {
    const db = await getDb();
    const burst = await db.selectFrom("refusal_bursts").selectAll().where("actor_id", "=", input.actor.id).executeTakeFirst();
    if (!burst && (await loggedSince(input.actor.id, bound.since)) < bound.max) {
      await appendAudit(input);
      return "logged";
    }
    const at = nowIso();
    const code = input.code ?? "REFUSED";
    if (!burst) {
      await db
        .insertInto("refusal_bursts")
        .values({ actor_id: input.actor.id, actor_email: input.actor.email, started_at: at, last_at: at, count: 1, server_id: input.serverId, one_server: 1, codes: JSON.stringify({ [code]: 1 }) })
        .execute();
      return "counted";
    }
    const codes = JSON.parse(burst.codes) as Record<string, number>;
    codes[code] = (codes[code] ?? 0) + 1;
    const oneServer = burst.one_server === 1 && burst.server_id === input.serverId;
    await db
      .updateTable("refusal_bursts")
      .set({ last_at: at, count: burst.count + 1, one_server: oneServer ? 1 : 0, server_id: oneServer ? burst.server_id : null, codes: JSON.stringify(codes) })
      .where("actor_id", "=", input.actor.id)
      .execute();
    return "counted";
  });
}

/**
 * Every burst (of one person, or of all) that last grew before `before` becomes the audit event
 * `summary` makes of it (in the store, or in the audit outbox when the store refuses it), then is
 * forgotten. Returns how many were closed.
 */
export async function closeBursts(before: string, summary: (b: RefusalBurst) => AuditInput & { at: string }, actorId?: string): Promise<number> {
  const db = await getDb();
  let q = db.selectFrom("refusal_bursts").select("actor_id").where("last_at", "<", before);
  if (actorId !== undefined) q = q.where("actor_id", "=", actorId);
  const quiet = await q.execute();
  let closed = 0;
  for (const { actor_id } of quiet) {
    await withStoreLock(lockOf(actor_id), async () => {
      // Read again under the lock: the burst may have grown, or been closed by another caller.
      const r = await db.selectFrom("refusal_bursts").selectAll().where("actor_id", "=", actor_id).where("last_at", "<", before).executeTakeFirst();
      if (!r) return;
      await appendAudit(
        summary({
          actor: { id: r.actor_id, email: r.actor_email },
          startedAt: r.started_at,
          lastAt: r.last_at,
          count: r.count,
          serverId: r.one_server === 1 ? r.server_id : null,
          codes: JSON.parse(r.codes) as Record<string, number>,
        }),
      );
      await db.deleteFrom("refusal_bursts").where("actor_id", "=", actor_id).execute();
      closed++;
    });
  }
  return closed;
}
