// npm run rotate-key: re-seal every stored credential under a new secret key. Stop Reaper first.
// The new key comes from REAPER_NEW_SECRET_KEY (32 bytes, base64 or hex), or is generated.
import { closeDb } from "@/lib/server/db/client";
import { rotateSecretKey } from "@/lib/server/secrets/rotate-key";

async function main(): Promise<void> {
  const result = await rotateSecretKey(process.env.REAPER_NEW_SECRET_KEY);
  await closeDb();
  console.log(`Re-sealed ${result.resealed} credential(s) under the new key.`);
  console.log(`The new key is kept in: ${result.keptIn}`);
  if (!process.env.REAPER_NEW_SECRET_KEY && result.keptIn.startsWith("REAPER_SECRET_KEY")) {
    console.log(`New key (store it where REAPER_SECRET_KEY comes from): ${result.newKey}`);
  }
}

main().catch((e: unknown) => {
  console.error(`Key rotation failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
