// Runs once when the server starts: migrations and the first admin before any request, and a
// bad configuration stops the start with the variable named instead of failing a request later.
export async function register(): Promise<void> {
  // Next also loads this file for its edge runtime, which has no SQLite.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { start } = await import("@/lib/server/startup");
  await start();
}
