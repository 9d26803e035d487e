import "server-only";
import { anyUserWithRole, findUserByEmail, insertUser, publicUser } from "@/lib/server/db/users";
import { newId, nowIso } from "@/lib/server/db/ids";
import { hashPassword } from "@/lib/server/auth/password";
import type { Role, User } from "@/lib/shared/auth/types";

export async function createUser(input: { email: string; password: string; role: Role; accountId?: string | null }): Promise<User> {
  const user = {
    id: newId("usr"),
    email: input.email.toLowerCase(),
    role: input.role,
    accountId: input.accountId ?? null,
    passwordHash: await hashPassword(input.password),
    createdAt: nowIso(),
    disabledAt: null,
  };
  await insertUser(user);
  return publicUser(user);
}

/** Applies REAPER_ADMIN_EMAIL/PASSWORD when no admin exists yet (the contract's first admin). */
export async function ensureFirstAdmin(email: string | undefined, password: string | undefined): Promise<void> {
  if (!email || !password) return;
  if (await anyUserWithRole("admin")) return;
  if (await findUserByEmail(email)) return;
  await createUser({ email, password, role: "admin" });
}
