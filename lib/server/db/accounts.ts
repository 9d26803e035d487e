import "server-only";
import type { Selectable } from "kysely";
import { getDb } from "@/lib/server/db/client";
import type { AccountsTable } from "@/lib/server/db/schema";
import type { Account, AccountListItem } from "@/lib/shared/people/types";

function toAccount(r: Pick<Selectable<AccountsTable>, "id" | "name" | "created_at" | "scan_interval_minutes">): Account {
  return { id: r.id, name: r.name, createdAt: r.created_at, scanIntervalMinutes: r.scan_interval_minutes };
}

export async function insertAccount(a: Account): Promise<void> {
  const db = await getDb();
  await db.insertInto("accounts").values({ id: a.id, name: a.name, created_at: a.createdAt, scan_interval_minutes: a.scanIntervalMinutes }).execute();
}

export async function findAccount(id: string): Promise<Account | undefined> {
  const db = await getDb();
  const row = await db.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toAccount(row);
}

export async function findAccountByName(name: string): Promise<Account | undefined> {
  const db = await getDb();
  const row = await db.selectFrom("accounts").selectAll().where("name", "=", name).executeTakeFirst();
  return row && toAccount(row);
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
      "accounts.scan_interval_minutes",
      eb.selectFrom("servers").select((s) => s.fn.countAll<number>().as("n")).whereRef("servers.account_id", "=", "accounts.id").as("servers"),
      eb.selectFrom("users").select((u) => u.fn.countAll<number>().as("n")).whereRef("users.account_id", "=", "accounts.id").as("people"),
    ])
    .orderBy("accounts.name")
    .orderBy("accounts.id")
    .execute();
  return rows.map((r) => ({ ...toAccount(r), servers: Number(r.servers ?? 0), people: Number(r.people ?? 0) }));
}

export async function renameAccount(id: string, name: string): Promise<boolean> {
  const db = await getDb();
  const result = await db.updateTable("accounts").set({ name }).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setAccountScanInterval(id: string, minutes: number | null): Promise<void> {
  const db = await getDb();
  await db.updateTable("accounts").set({ scan_interval_minutes: minutes }).where("id", "=", id).execute();
}
