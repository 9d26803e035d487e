import "server-only";
import { getDb } from "@/lib/server/db/client";

// Small facts about the store itself (e.g. the secret key's check value), one row per name.

export async function readMeta(name: string): Promise<string | undefined> {
  const db = await getDb();
  return (await db.selectFrom("meta").select("value").where("name", "=", name).executeTakeFirst())?.value;
}

/** Writes `value` unless a value is already there; answers the value that is stored afterwards. */
export async function writeMetaOnce(name: string, value: string): Promise<string> {
  const db = await getDb();
  await db.insertInto("meta").values({ name, value }).onConflict((oc) => oc.column("name").doNothing()).execute();
  return (await readMeta(name)) ?? value;
}

export async function replaceMeta(name: string, value: string): Promise<void> {
  const db = await getDb();
  await db.insertInto("meta").values({ name, value }).onConflict((oc) => oc.column("name").doUpdateSet({ value })).execute();
}
