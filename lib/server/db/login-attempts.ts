import "server-only";
import { getDb } from "@/lib/server/db/client";

// Counted in the database, not in memory, so a limit holds across instances and restarts. An
// attempt is written the moment it arrives (ok = 0) and only marked ok once the password proved
// right: a guess still being checked already counts against the limits.

export async function recordAttempt(email: string, address: string, at: string): Promise<number> {
  const db = await getDb();
  const row = await db.insertInto("login_attempts").values({ email, address, at, ok: 0 }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function markAttemptOk(id: number): Promise<void> {
  const db = await getDb();
  await db.updateTable("login_attempts").set({ ok: 1 }).where("id", "=", id).execute();
}

/** Attempts not (yet) proven right since `since`, for an email, an address, or both together. */
export async function failuresSince(key: { email?: string; address?: string }, since: string): Promise<number> {
  const db = await getDb();
  let q = db
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("ok", "=", 0)
    .where("at", ">", since);
  if (key.email !== undefined) q = q.where("email", "=", key.email);
  if (key.address !== undefined) q = q.where("address", "=", key.address);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Whether this email logged in successfully from this address since `since`. */
export async function succeededFrom(email: string, address: string, since: string): Promise<boolean> {
  const db = await getDb();
  const row = await db
    .selectFrom("login_attempts")
    .select("id")
    .where("email", "=", email)
    .where("address", "=", address)
    .where("ok", "=", 1)
    .where("at", ">", since)
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteAttemptsBefore(before: string): Promise<void> {
  const db = await getDb();
  await db.deleteFrom("login_attempts").where("at", "<", before).execute();
}
