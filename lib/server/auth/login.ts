import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { failuresSince, recordAttempt } from "@/lib/server/db/login-attempts";
import { findUserByEmail, publicUser } from "@/lib/server/db/users";
import { decoyHash, verifyPassword } from "@/lib/server/auth/password";
import { createSession } from "@/lib/server/auth/sessions";
import type { User } from "@/lib/shared/auth/types";

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 10;

export async function logIn(emailInput: string, password: string): Promise<{ user: User; token: string; expiresAt: Date }> {
  const email = emailInput.toLowerCase();
  if ((await failuresSince(email, new Date(Date.now() - WINDOW_MS).toISOString())) >= MAX_FAILURES) {
    throw new AppError("RATE_LIMITED", "Too many failed logins for this email. Wait 15 minutes, then try again.");
  }
  const row = await findUserByEmail(email);
  const ok = await verifyPassword(password, row?.passwordHash ?? (await decoyHash));
  await recordAttempt(email, ok && !!row);
  if (!row || !ok) throw new AppError("INVALID_CREDENTIALS", "Email or password is wrong. Check both and try again.");
  const session = await createSession(row.id);
  return { user: publicUser(row), ...session };
}
