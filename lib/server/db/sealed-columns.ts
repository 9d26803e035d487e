import "server-only";
import { getDb } from "@/lib/server/db/client";

// Every column that holds data sealed with the secret key, and what each value is bound to (the
// associated data that ties a blob to its row). The key check proves a key on one of them and the
// key rotation re-seals exactly these: a new sealed column is added here, or rotation misses it.
/** A server's SSH credentials are bound to its id. */
export const serverSecretsBinding = (id: string): string => `server:${id}`;

/** A webhook's signing secret is bound to the webhook's id. */
export const webhookSecretBinding = (id: string): string => `webhook:${id}`;

export const SEALED_COLUMNS = [
  { table: "servers", column: "secrets", bindingOf: serverSecretsBinding },
  { table: "webhooks", column: "secret", bindingOf: webhookSecretBinding },
] as const;

export type SealedValue = { sealed: Uint8Array; binding: string };

/** One sealed value from the store, if there is any, to prove a key on. */
export async function anySealedValue(): Promise<SealedValue | undefined> {
  const db = await getDb();
  for (const c of SEALED_COLUMNS) {
    const row = await db.selectFrom(c.table).select(["id", c.column]).limit(1).executeTakeFirst();
    if (row) return { sealed: row[c.column], binding: c.bindingOf(row.id) };
  }
  return undefined;
}

/**
 * Re-seals every sealed value with `reseal` and records the new key's check value, all in one
 * transaction: a failure on any row leaves every row as it was.
 */
export async function resealAll(reseal: (v: SealedValue) => Uint8Array, check: { name: string; value: string }): Promise<number> {
  const db = await getDb();
  return db.transaction().execute(async (tx) => {
    let count = 0;
    for (const c of SEALED_COLUMNS) {
      const rows = await tx.selectFrom(c.table).select(["id", c.column]).execute();
      for (const row of rows) {
        const next = reseal({ sealed: row[c.column], binding: c.bindingOf(row.id) });
        await tx.updateTable(c.table).set({ [c.column]: next }).where("id", "=", row.id).execute();
        count++;
      }
    }
    await tx.insertInto("meta").values(check).onConflict((oc) => oc.column("name").doUpdateSet({ value: check.value })).execute();
    return count;
  });
}
