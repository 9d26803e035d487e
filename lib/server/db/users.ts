import "server-only";
import type { ExpressionBuilder, Selectable } from "kysely";
import { getDb } from "@/lib/server/db/client";
import type { Database, UsersTable } from "@/lib/server/db/schema";
import type { Role, User } from "@/lib/shared/auth/types";
import type { Person } from "@/lib/shared/people/types";

/** A user with the password hash the login needs; never leaves the server. */
export type StoredUser = User & { passwordHash: string; createdAt: string; disabledAt: string | null };

type Row = Selectable<UsersTable>;

function fromRow(r: Row): StoredUser {
  return {
    id: r.id,
    email: r.email,
    role: r.role,
    accountId: r.account_id,
    passwordHash: r.password_hash,
    createdAt: r.created_at,
    disabledAt: r.disabled_at,
  };
}

/** The contract's `user`: what every answer and page may show. */
export function publicUser(u: StoredUser): User {
  return { id: u.id, email: u.email, role: u.role, accountId: u.accountId };
}

/** A person as the people pages list them. */
export function personOf(u: StoredUser): Person {
  return { ...publicUser(u), disabled: u.disabledAt !== null, createdAt: u.createdAt };
}

export async function findUserByEmail(email: string): Promise<StoredUser | undefined> {
  const db = await getDb();
  const row = await db.selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
  return row && fromRow(row);
}

export async function findUserById(id: string): Promise<StoredUser | undefined> {
  const db = await getDb();
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row && fromRow(row);
}

/** Everyone, or one account's people; by email. */
export async function listUsers(filter: { accountId?: string } = {}): Promise<StoredUser[]> {
  const db = await getDb();
  let q = db.selectFrom("users").selectAll().orderBy("email");
  if (filter.accountId !== undefined) q = q.where("account_id", "=", filter.accountId);
  return (await q.execute()).map(fromRow);
}

export async function insertUser(u: StoredUser): Promise<void> {
  const db = await getDb();
  await db
    .insertInto("users")
    .values({
      id: u.id,
      email: u.email.toLowerCase(),
      password_hash: u.passwordHash,
      role: u.role,
      account_id: u.accountId,
      created_at: u.createdAt,
      disabled_at: u.disabledAt,
    })
    .execute();
}

export async function anyUserWithRole(role: Role): Promise<boolean> {
  const db = await getDb();
  return (await db.selectFrom("users").select("id").where("role", "=", role).executeTakeFirst()) !== undefined;
}

export type UserChanges = { role?: Role; accountId?: string | null; passwordHash?: string; disabledAt?: string | null };

/**
 * Applies the changes unless they would leave no enabled admin: one statement whose condition
 * counts the other enabled admins, so two admins demoting or disabling each other at the same
 * moment cannot both succeed (SQLite runs one writing statement at a time). Returns false when
 * the change was refused for that reason.
 */
export async function updateUserKeepingAnAdmin(id: string, changes: UserChanges): Promise<boolean> {
  const db = await getDb();
  const removesAdmin = (changes.role !== undefined && changes.role !== "admin") || (changes.disabledAt !== undefined && changes.disabledAt !== null);
  const columns = {
    ...(changes.role !== undefined && { role: changes.role }),
    ...(changes.accountId !== undefined && { account_id: changes.accountId }),
    ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
    ...(changes.disabledAt !== undefined && { disabled_at: changes.disabledAt }),
  };
  if (Object.keys(columns).length === 0) return (await findUserById(id)) !== undefined;
  let q = db.updateTable("users").set(columns).where("id", "=", id);
  if (removesAdmin) q = q.where((eb) => eb.or([eb("role", "!=", "admin"), eb("disabled_at", "is not", null), eb(otherEnabledAdmins(eb, id), ">", 0)]));
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes the person unless they are the last enabled admin (same single-statement rule). */
export async function deleteUserKeepingAnAdmin(id: string): Promise<boolean> {
  const db = await getDb();
  const result = await db
    .deleteFrom("users")
    .where("id", "=", id)
    .where((eb) => eb.or([eb("role", "!=", "admin"), eb("disabled_at", "is not", null), eb(otherEnabledAdmins(eb, id), ">", 0)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

function otherEnabledAdmins(eb: ExpressionBuilder<Database, "users">, id: string) {
  return eb
    .selectFrom("users as other")
    .select((o) => o.fn.countAll<number>().as("n"))
    .where("other.role", "=", "admin")
    .where("other.disabled_at", "is", null)
    .where("other.id", "!=", id);
}
