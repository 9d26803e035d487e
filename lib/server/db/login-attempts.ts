import "server-only";
import { getDb } from "@/lib/server/db/client";
import { nowIso } from "@/lib/server/db/ids";

// Counted in the database, not in memory, so a limit holds across instances and restarts.

export async function failuresSince(email: string, since: string): Promise<number> {
  const db = await getDb();
  const row = await db
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("email", "=", email)
    .where("ok", "=", 0)
    .where("at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function recordAttempt(email: string, ok: boolean): Promise<void> {
  const db = await getDb();
  await db.insertInto("login_attempts").values({ email, at: nowIso(), ok: ok ? 1 : 0 }).execute();
}
