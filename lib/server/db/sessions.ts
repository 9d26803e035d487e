import "server-only";
import { getDb } from "@/lib/server/db/client";
import type { User } from "@/lib/shared/auth/types";

// Sessions are stored by the sha256 of their token: a stolen database cannot be replayed as cookies.
// Each also has a public id, the only name by which it is listed and revoked.

export type StoredSession = { id: string; userId: string; createdAt: string; expiresAt: string; lastSeenAt: string; userAgent: string; address: string };

export async function insertSession(s: StoredSession & { tokenHash: string }): Promise<void> {
  const db = await getDb();
  await db
    .insertInto("sessions")
    .values({
      id: s.id,
      token_hash: s.tokenHash,
      user_id: s.userId,
      created_at: s.createdAt,
      expires_at: s.expiresAt,
      last_seen_at: s.lastSeenAt,
      user_agent: s.userAgent,
      address: s.address,
    })
    .execute();
}

/** The enabled user behind an unexpired session, with the session's id and last-seen time. */
export async function findSessionUser(tokenHash: string, now: string): Promise<{ user: User; sessionId: string; lastSeenAt: string } | null> {
  const db = await getDb();
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["users.id", "users.email", "users.role", "users.account_id", "sessions.id as session_id", "sessions.last_seen_at"])
    .where("sessions.token_hash", "=", tokenHash)
    .where("sessions.expires_at", ">", now)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  return { user: { id: row.id, email: row.email, role: row.role, accountId: row.account_id }, sessionId: row.session_id, lastSeenAt: row.last_seen_at };
}

export async function touchSession(id: string, at: string): Promise<void> {
  const db = await getDb();
  await db.updateTable("sessions").set({ last_seen_at: at }).where("id", "=", id).execute();
}

/** A person's unexpired sessions, most recently used first. */
export async function listSessionsOf(userId: string, now: string): Promise<StoredSession[]> {
  const db = await getDb();
  const rows = await db
    .selectFrom("sessions")
    .select(["id", "user_id", "created_at", "expires_at", "last_seen_at", "user_agent", "address"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .orderBy("last_seen_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at, lastSeenAt: r.last_seen_at, userAgent: r.user_agent, address: r.address }));
}

/** Ends one of the person's own sessions; false when it is not theirs (or is gone already). */
export async function deleteSessionOf(userId: string, id: string): Promise<boolean> {
  const db = await getDb();
  const result = await db.deleteFrom("sessions").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteSessionByTokenHash(tokenHash: string): Promise<void> {
  const db = await getDb();
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}

/** Every session of a person at once (disabled, password reset). */
export async function deleteSessionsOf(userId: string): Promise<number> {
  const db = await getDb();
  const result = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(now: string): Promise<void> {
  const db = await getDb();
  await db.deleteFrom("sessions").where("expires_at", "<=", now).execute();
}
