import "server-only";
import type { Selectable } from "kysely";
import { getDb } from "@/lib/server/db/client";
import type { UsersTable } from "@/lib/server/db/schema";
import type { Role, User } from "@/lib/shared/auth/types";

/** A user with the password hash the login needs; never leaves the server. */
export type StoredUser = User & { passwordHash: string; createdAt: string };

type Row = Selectable<UsersTable>;

function fromRow(r: Row): StoredUser {
  return { id: r.id, email: r.email, role: r.role, accountId: r.account_id, passwordHash: r.password_hash, createdAt: r.created_at };
}

/** The contract's `user`: what every answer and page may show. */
export function publicUser(u: StoredUser): User {
  return { id: u.id, email: u.email, role: u.role, accountId: u.accountId };
}

export async function findUserByEmail(email: string): Promise<StoredUser | undefined> {
  const db = await getDb();
  const row = await db.selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
  return row && fromRow(row);
}

export async function insertUser(u: StoredUser): Promise<void> {
  const db = await getDb();
  await db
    .insertInto("users")
    .values({ id: u.id, email: u.email.toLowerCase(), password_hash: u.passwordHash, role: u.role, account_id: u.accountId, created_at: u.createdAt })
    .execute();
}

export async function anyUserWithRole(role: Role): Promise<boolean> {
  const db = await getDb();
  return (await db.selectFrom("users").select("id").where("role", "=", role).executeTakeFirst()) !== undefined;
}
