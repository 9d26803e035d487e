import "server-only";
import { getDb } from "@/lib/server/db/client";
import { nowIso } from "@/lib/server/db/ids";
import type { User } from "@/lib/shared/auth/types";

// Sessions are stored by the sha256 of their token: a stolen database cannot be replayed as cookies.

export async function insertSession(s: { tokenHash: string; userId: string; expiresAt: string }): Promise<void> {
  const db = await getDb();
  await db.insertInto("sessions").values({ token_hash: s.tokenHash, user_id: s.userId, created_at: nowIso(), expires_at: s.expiresAt }).execute();
}

/** The user behind an unexpired session, or null. */
export async function userOfSession(tokenHash: string): Promise<User | null> {
  const db = await getDb();
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["users.id", "users.email", "users.role", "users.account_id", "sessions.expires_at"])
    .where("sessions.token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (!row || row.expires_at <= nowIso()) return null;
  return { id: row.id, email: row.email, role: row.role, accountId: row.account_id };
}

export async function deleteSession(tokenHash: string): Promise<void> {
  const db = await getDb();
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}
