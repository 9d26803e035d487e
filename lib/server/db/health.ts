import "server-only";
import { sql } from "kysely";
import { getDb } from "@/lib/server/db/client";
import { log } from "@/lib/server/log";

/** Whether the store answers a trivial query (for GET /api/health). */
export async function storeAnswers(): Promise<boolean> {
  try {
    const db = await getDb();
    await sql`select 1`.execute(db);
    return true;
  } catch (e) {
    log.error("health.store", { error: e instanceof Error ? e.message : String(e) });
    return false;
  }
}
