// Runs once when the server starts: migrations, the secret key's check and the first admin before
// any request. A bad configuration stops the process with the problem named: Next itself would log
// the error and go on serving requests that can only fail.
export async function register(): Promise<void> {
  // Next also loads this file for its edge runtime, which has no SQLite.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { start } = await import("@/lib/server/startup");
  try {
    await start();
  } catch (e) {
    process.stderr.write(`Reaper cannot start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
