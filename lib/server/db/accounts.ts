import "server-only";
import { getDb } from "@/lib/server/db/client";
import type { Account, AccountListItem } from "@/lib/shared/people/types";

export async function insertAccount(a: Account): Promise<void> {
  const db = await getDb();
  await db.insertInto("accounts").values({ id: a.id, name: a.name, created_at: a.createdAt }).execute();
}

export async function findAccount(id: string): Promise<Account | undefined> {
  const db = await getDb();
  const row = await db.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();
  return row && { id: row.id, name: row.name, createdAt: row.created_at };
}

export async function findAccountByName(name: string): Promise<Account | undefined> {
  const db = await getDb();
  const row = await db.selectFrom("accounts").selectAll().where("name", "=", name).executeTakeFirst();
  return row && { id: row.id, name: row.name, createdAt: row.created_at };
}

/** Every account by name, with how many servers and people each has. */
export async function listAccounts(): Promise<AccountListItem[]> {
  const db = await getDb();
  const rows = await db
    .selectFrom("accounts")
    .select((eb) => [
      "accounts.id",
      "accounts.name",
      "accounts.created_at",
      eb.selectFrom("servers").select((s) => s.fn.countAll<number>().as("n")).whereRef("servers.account_id", "=", "accounts.id").as("servers"),
      eb.selectFrom("users").select((u) => u.fn.countAll<number>().as("n")).whereRef("users.account_id", "=", "accounts.id").as("people"),
    ])
    .orderBy("accounts.name")
    .orderBy("accounts.id")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, servers: Number(r.servers ?? 0), people: Number(r.people ?? 0) }));
}

export async function renameAccount(id: string, name: string): Promise<boolean> {
  const db = await getDb();
  const result = await db.updateTable("accounts").set({ name }).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
