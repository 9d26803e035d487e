import "server-only";
import { getDb } from "@/lib/server/db/client";

// The background scan scheduler's state: when each server with an interval is next due. A
// server's interval is its own, else its account's; neither means no background scans.

export type DueServer = { serverId: string; intervalMinutes: number };

/**
 * Servers with an interval that are due: never planned, planned with another interval, or past
 * their time. Oldest due first, at most `limit`.
 */
export async function dueServers(now: string, limit: number): Promise<DueServer[]> {
  const db = await getDb();
  const rows = await db
    .selectFrom("servers as s")
    .leftJoin("accounts as a", "a.id", "s.account_id")
    .leftJoin("scan_schedules as p", "p.server_id", "s.id")
    .select((eb) => ["s.id", eb.fn.coalesce("s.scan_interval_minutes", "a.scan_interval_minutes").as("interval")])
    .where((eb) => eb.or([eb("s.scan_interval_minutes", "is not", null), eb("a.scan_interval_minutes", "is not", null)]))
    .where((eb) =>
      eb.or([
        eb("p.next_at", "is", null),
        eb("p.next_at", "<=", now),
        eb("p.interval_minutes", "!=", eb.fn.coalesce("s.scan_interval_minutes", "a.scan_interval_minutes")),
      ]),
    )
    .orderBy("p.next_at")
    .limit(limit)
    .execute();
  return rows.flatMap((r) => (r.interval === null ? [] : [{ serverId: r.id, intervalMinutes: Number(r.interval) }]));
}

export async function planNextScan(serverId: string, nextAt: string, intervalMinutes: number, queuedAt: string): Promise<void> {
  const db = await getDb();
  const values = { next_at: nextAt, interval_minutes: intervalMinutes, last_queued_at: queuedAt };
  await db
    .insertInto("scan_schedules")
    .values({ server_id: serverId, ...values })
    .onConflict((oc) => oc.column("server_id").doUpdateSet(values))
    .execute();
}

/** Forgets the plans of servers whose background scans were turned off. */
export async function dropUnscheduled(): Promise<void> {
  const db = await getDb();
  await db
    .deleteFrom("scan_schedules")
    .where("server_id", "in", (eb) =>
      eb
        .selectFrom("servers as s")
        .leftJoin("accounts as a", "a.id", "s.account_id")
        .select("s.id")
        .where("s.scan_interval_minutes", "is", null)
        .where("a.scan_interval_minutes", "is", null),
    )
    .execute();
}
