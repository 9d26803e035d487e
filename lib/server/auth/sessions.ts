import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { deleteSession as deleteStoredSession, insertSession, userOfSession } from "@/lib/server/db/sessions";
import { env } from "@/lib/server/env";
import type { User } from "@/lib/shared/auth/types";

export const SESSION_COOKIE = "reaper_session";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export async function createSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + env().REAPER_SESSION_DAYS * 86_400_000);
  await insertSession({ tokenHash: hashToken(token), userId, expiresAt: expiresAt.toISOString() });
  return { token, expiresAt };
}

export async function userForSession(token: string | undefined): Promise<User | null> {
  if (!token || token.length > 200) return null;
  return userOfSession(hashToken(token));
}

export async function deleteSession(token: string | undefined): Promise<void> {
  if (!token) return;
  await deleteStoredSession(hashToken(token));
}
