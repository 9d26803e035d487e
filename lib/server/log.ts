import "server-only";
import { env } from "@/lib/server/env";

// One JSON line per event on stderr, so a log shipper can parse it. Callers pass facts
// (ids, codes, durations), never secrets or raw credentials.
const order = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof order;

function write(level: Level, event: string, fields: Record<string, unknown>): void {
  if (order[level] < order[env().REAPER_LOG_LEVEL]) return;
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level, event, ...fields })}\n`);
}

export const log = {
  debug: (event: string, fields: Record<string, unknown> = {}) => write("debug", event, fields),
  info: (event: string, fields: Record<string, unknown> = {}) => write("info", event, fields),
  warn: (event: string, fields: Record<string, unknown> = {}) => write("warn", event, fields),
  error: (event: string, fields: Record<string, unknown> = {}) => write("error", event, fields),
};
