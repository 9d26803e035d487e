import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { deleteAttemptsBefore, markAttemptOk, recordAttempt } from "@/lib/server/db/login-attempts";
import { withStoreLock } from "@/lib/server/db/store-lock";
import { findUserByEmail, publicUser } from "@/lib/server/db/users";
import { KNOWN_ADDRESS_MS, loginLimitRefusal } from "@/lib/server/auth/login-limits";
import { decoyHash, verifyPassword } from "@/lib/server/auth/password";
import { createSession, endSession, type ClientInfo } from "@/lib/server/auth/sessions";
import type { User } from "@/lib/shared/auth/types";

const WRONG = "Email or password is wrong. Check both and try again.";

/**
 * Email and password for a new session. The attempt is written before anything else and the
 * limits are checked against it, so parallel guesses cannot slip past them into the password
 * check. An unknown email, a wrong password and a disabled person all get the same answer, after
 * the same amount of work. The session the browser had before (if any) ends here: every login
 * gets a new session id.
 */
export async function logIn(
  emailInput: string,
  password: string,
  client: ClientInfo,
  previousToken: string | undefined,
): Promise<{ user: User; token: string; expiresAt: Date }> {
  const email = emailInput.trim().toLowerCase();
  const now = Date.now();
  // Writing an attempt and counting take turns, on every instance sharing the store: each guess
  // counts exactly the ones that came before it, so parallel guesses get the limit's number of
  // password checks between them, no more and no fewer. The password check itself runs outside.
  const { attemptId, refusal } = await withStoreLock("login-attempts", async () => {
    const id = await recordAttempt(email, client.address, new Date(now).toISOString());
    return { attemptId: id, refusal: await loginLimitRefusal({ email, address: client.address }, now) };
  });
  if (refusal) throw refusal;
  const row = await findUserByEmail(email);
  const ok = await verifyPassword(password, row?.passwordHash ?? (await decoyHash));
  if (!row || !ok || row.disabledAt !== null) throw new AppError("INVALID_CREDENTIALS", WRONG);
  await markAttemptOk(attemptId);
  await endSession(previousToken);
  const session = await createSession(row.id, client);
  // Attempts are only needed for the limits' windows and the known-address memory.
  await deleteAttemptsBefore(new Date(now - KNOWN_ADDRESS_MS).toISOString());
  return { user: publicUser(row), token: session.token, expiresAt: session.expiresAt };
}
