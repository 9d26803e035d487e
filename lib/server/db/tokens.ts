import "server-only";
import { getDb } from "@/lib/server/db/client";
import type { TokenInfo, User } from "@/lib/shared/auth/types";

// API tokens, stored by the sha256 of their secret; the secret itself is shown once, at creation.

export async function insertToken(t: TokenInfo & { userId: string; tokenHash: string }): Promise<void> {
  const db = await getDb();
  await db
    .insertInto("api_tokens")
    .values({ id: t.id, user_id: t.userId, name: t.name, token_hash: t.tokenHash, created_at: t.createdAt, last_used_at: t.lastUsedAt })
    .execute();
}

/** The enabled owner of a token, with the token's id and last use. */
export async function findTokenUser(tokenHash: string): Promise<{ user: User; tokenId: string; lastUsedAt: string | null } | null> {
  const db = await getDb();
  const row = await db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select(["users.id", "users.email", "users.role", "users.account_id", "api_tokens.id as token_id", "api_tokens.last_used_at"])
    .where("api_tokens.token_hash", "=", tokenHash)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  return { user: { id: row.id, email: row.email, role: row.role, accountId: row.account_id }, tokenId: row.token_id, lastUsedAt: row.last_used_at };
}

export async function touchToken(id: string, at: string): Promise<void> {
  const db = await getDb();
  await db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", id).execute();
}

/** A person's tokens, newest first. */
export async function listTokensOf(userId: string): Promise<TokenInfo[]> {
  const db = await getDb();
  const rows = await db
    .selectFrom("api_tokens")
    .select(["id", "name", "created_at", "last_used_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
}

/** Revokes one of the person's own tokens; false when it is not theirs (or is gone already). */
export async function deleteTokenOf(userId: string, id: string): Promise<TokenInfo | null> {
  const db = await getDb();
  const row = await db
    .deleteFrom("api_tokens")
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .returning(["id", "name", "created_at", "last_used_at"])
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at } : null;
}
