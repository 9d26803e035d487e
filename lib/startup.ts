import "server-only";
import { ensureFirstAdmin } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";

/** Migrations and the first admin (REAPER_ADMIN_EMAIL/PASSWORD when no admin exists yet). */
export async function start(): Promise<void> {
  await getDb();
  await ensureFirstAdmin(env().REAPER_ADMIN_EMAIL, env().REAPER_ADMIN_PASSWORD);
}
