import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { failuresSince, succeededFrom } from "@/lib/server/db/login-attempts";

// How many failed logins are let through before 429 RATE_LIMITED, counted over the last 15
// minutes. The attempt being decided is already counted (it was written before this check), so
// N parallel guesses get at most `max` real password checks between them.
//  - one email from one address: the guesser at a keyboard (and the person who forgot);
//  - one address over all emails: password spraying, many emails from one place;
//  - one email over all addresses: a distributed guesser, slowed more gently; an address this
//    email logged in from in the last 30 days is exempt, so an attacker elsewhere cannot lock
//    the real person out of where they usually log in.
export const WINDOW_MS = 15 * 60_000;
export const KNOWN_ADDRESS_MS = 30 * 86_400_000;
export const LOGIN_LIMITS = { emailAndAddress: 10, address: 50, email: 50 } as const;

export type LoginKey = { email: string; address: string };

/** null when the attempt may be checked; else the refusal to answer. */
export async function loginLimitRefusal(key: LoginKey, now: number): Promise<AppError | null> {
  const since = new Date(now - WINDOW_MS).toISOString();
  if ((await failuresSince(key, since)) > LOGIN_LIMITS.emailAndAddress) {
    return new AppError("RATE_LIMITED", "Too many failed logins for this email from your address. Wait 15 minutes, then try again.", { retryAfterSeconds: WINDOW_MS / 1000 });
  }
  if ((await failuresSince({ address: key.address }, since)) > LOGIN_LIMITS.address) {
    return new AppError("RATE_LIMITED", "Too many failed logins from your address. Wait 15 minutes, then try again.", { retryAfterSeconds: WINDOW_MS / 1000 });
  }
  if ((await failuresSince({ email: key.email }, since)) > LOGIN_LIMITS.email && !(await succeededFrom(key.email, key.address, new Date(now - KNOWN_ADDRESS_MS).toISOString()))) {
    return new AppError("RATE_LIMITED", "Too many failed logins for this email. Wait 15 minutes, or log in from where you usually do.", { retryAfterSeconds: WINDOW_MS / 1000 });
  }
  return null;
}
