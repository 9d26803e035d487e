import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { getDb } from "@/lib/db/client";
import { nowIso } from "@/lib/db/ids";
import { decoyHash, verifyPassword } from "@/lib/auth/password";
import { createSession } from "@/lib/auth/sessions";
import type { User } from "@/lib/auth/types";
import { findUserByEmail, toUser } from "@/lib/auth/users";

// Failed attempts are counted in the database, not in memory, so the limit holds across
// several instances and restarts.
const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 10;

async function recentFailures(email: string): Promise<number> {
  const db = await getDb();
  const since = new Date(Date.now() - WINDOW_MS).toISOString();
  const row = await db
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("email", "=", email)
    .where("ok", "=", 0)
    .where("at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function record(email: string, ok: boolean): Promise<void> {
  const db = await getDb();
  await db.insertInto("login_attempts").values({ email, at: nowIso(), ok: ok ? 1 : 0 }).execute();
}

export async function logIn(emailInput: string, password: string): Promise<{ user: User; token: string; expiresAt: Date }> {
  const email = emailInput.toLowerCase();
  if ((await recentFailures(email)) >= MAX_FAILURES) {
    throw new AppError("RATE_LIMITED", "Too many failed logins for this email. Wait 15 minutes, then try again.");
  }
  const row = await findUserByEmail(email);
  const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash));
  await record(email, ok && !!row);
  if (!row || !ok) throw new AppError("INVALID_CREDENTIALS", "Email or password is wrong. Check both and try again.");
  const session = await createSession(row.id);
  return { user: toUser(row), ...session };
}
