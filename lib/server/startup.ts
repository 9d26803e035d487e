import "server-only";
import { ensureFirstAdmin } from "@/lib/server/auth/users";
import { getDb } from "@/lib/server/db/client";
import { env } from "@/lib/server/env";
import { verifySecretKey } from "@/lib/server/secrets/key-check";

/** Migrations, the secret key's check, and the first admin (REAPER_ADMIN_EMAIL/PASSWORD when no admin exists yet). */
export async function start(): Promise<void> {
  await getDb();
  await verifySecretKey();
  await ensureFirstAdmin(env().REAPER_ADMIN_EMAIL, env().REAPER_ADMIN_PASSWORD);
}
