import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { hashSecret, newSecret } from "@/lib/server/auth/secret";
import { newId, nowIso } from "@/lib/server/db/ids";
import { deleteSessionByTokenHash, deleteSessionOf, deleteSessionsOf, findSessionUser, insertSession, listSessionsOf, touchSession } from "@/lib/server/db/sessions";
import { env } from "@/lib/server/env";
import type { SessionInfo, User } from "@/lib/shared/auth/types";

export const SESSION_COOKIE = "reaper_session";

/** Last-seen times are this coarse, so a busy page does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

export type ClientInfo = { address: string; userAgent: string };

/** A fresh session: a new id and secret every time, never one carried over from before. */
export async function createSession(userId: string, client: ClientInfo): Promise<{ token: string; expiresAt: Date; id: string }> {
  const token = newSecret();
  const id = newId("ses");
  const now = nowIso();
  const expiresAt = new Date(Date.now() + env().REAPER_SESSION_DAYS * 86_400_000);
  await insertSession({ id, tokenHash: hashSecret(token), userId, createdAt: now, expiresAt: expiresAt.toISOString(), lastSeenAt: now, userAgent: client.userAgent, address: client.address });
  return { token, expiresAt, id };
}

/** The enabled user behind a session cookie, and which session it is; null when none. */
export async function sessionFor(token: string | undefined): Promise<{ user: User; sessionId: string } | null> {
  if (!token || token.length > 200) return null;
  const now = nowIso();
  const found = await findSessionUser(hashSecret(token), now);
  if (!found) return null;
  if (Date.parse(now) - Date.parse(found.lastSeenAt) >= TOUCH_EVERY_MS) await touchSession(found.sessionId, now);
  return { user: found.user, sessionId: found.sessionId };
}

/** Logout: the session ends on the server, so a copied cookie stops working too. */
export async function endSession(token: string | undefined): Promise<void> {
  if (!token || token.length > 200) return;
  await deleteSessionByTokenHash(hashSecret(token));
}

/** Where the person is logged in, the current session marked. */
export async function listSessions(user: User, currentSessionId: string | null): Promise<SessionInfo[]> {
  const sessions = await listSessionsOf(user.id, nowIso());
  return sessions.map((s) => ({
    id: s.id,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    expiresAt: s.expiresAt,
    userAgent: s.userAgent,
    address: s.address,
    current: s.id === currentSessionId,
  }));
}

/** Ends one of the caller's own sessions; anyone else's is NOT_FOUND. */
export async function revokeSession(user: User, id: string): Promise<void> {
  if (!(await deleteSessionOf(user.id, id))) {
    throw new AppError("NOT_FOUND", "No such session: it may have ended already. Reload the list.");
  }
}

/** Every session of a person at once: when they are disabled or their password is reset. */
export async function endAllSessions(userId: string): Promise<number> {
  return deleteSessionsOf(userId);
}
