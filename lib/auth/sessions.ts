import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { nowIso } from "@/lib/db/ids";
import { env } from "@/lib/env";
import type { User } from "@/lib/auth/types";
import { toUser } from "@/lib/auth/users";

export const SESSION_COOKIE = "reaper_session";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export async function createSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
  const db = await getDb();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + env().REAPER_SESSION_DAYS * 86_400_000);
  await db
    .insertInto("sessions")
    .values({ token_hash: hashToken(token), user_id: userId, created_at: nowIso(), expires_at: expiresAt.toISOString() })
    .execute();
  return { token, expiresAt };
}

export async function userForSession(token: string | undefined): Promise<User | null> {
  if (!token || token.length > 200) return null;
  const db = await getDb();
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["users.id", "users.email", "users.role", "users.account_id", "sessions.expires_at"])
    .where("sessions.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= nowIso()) return null;
  return toUser(row);
}

export async function deleteSession(token: string | undefined): Promise<void> {
  if (!token) return;
  const db = await getDb();
  await db.deleteFrom("sessions").where("token_hash", "=", hashToken(token)).execute();
}
