import "server-only";
import { getDb } from "@/lib/db/client";
import { newId, nowIso } from "@/lib/db/ids";
import type { UsersTable } from "@/lib/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { Role, User } from "@/lib/auth/types";

export function toUser(row: Pick<UsersTable, "id" | "email" | "role" | "account_id">): User {
  return { id: row.id, email: row.email, role: row.role, accountId: row.account_id };
}

export async function findUserByEmail(email: string): Promise<UsersTable | undefined> {
  const db = await getDb();
  return db.selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
}

export async function createUser(input: { email: string; password: string; role: Role; accountId?: string | null }): Promise<User> {
  const db = await getDb();
  const row: UsersTable = {
    id: newId("usr"),
    email: input.email.toLowerCase(),
    password_hash: await hashPassword(input.password),
    role: input.role,
    account_id: input.accountId ?? null,
    created_at: nowIso(),
  };
  await db.insertInto("users").values(row).execute();
  return toUser(row);
}

/** Applies REAPER_ADMIN_EMAIL/PASSWORD when no admin exists yet (the contract's first admin). */
export async function ensureFirstAdmin(email: string | undefined, password: string | undefined): Promise<void> {
  if (!email || !password) return;
  const db = await getDb();
  const admin = await db.selectFrom("users").select("id").where("role", "=", "admin").executeTakeFirst();
  if (admin) return;
  if (await findUserByEmail(email)) return;
  await createUser({ email, password, role: "admin" });
}
