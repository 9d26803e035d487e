import "server-only";
import { ensureFirstAdmin } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";

// Migrations and the first admin, once per process, before the first request is served.
let started: Promise<void> | undefined;

export function ensureStarted(): Promise<void> {
  started ??= (async () => {
    await getDb();
    await ensureFirstAdmin(env().REAPER_ADMIN_EMAIL, env().REAPER_ADMIN_PASSWORD);
  })();
  return started;
}
