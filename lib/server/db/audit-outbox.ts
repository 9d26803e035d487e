import "server-only";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import type { AuditEventsTable } from "@/lib/server/db/schema";

// Where an audit event waits when the store will not take it (locked past its busy timeout, disk
// full, I/O error): a file of its own beside the store, one JSON row per line, fsync'd before the
// caller hears the answer, and retried until the store has it. A table cannot be this outbox: the
// store that refused the event would refuse the outbox row too. The rows keep their id and time,
// and the store ignores an id it already holds, so a retry after a crash never writes twice.

export type AuditRow = AuditEventsTable;
export type InsertRow = (row: AuditRow) => Promise<void>;

const FILE = "audit-outbox.jsonl";
const RETRY_MS = 2_000;

type State = { rows: AuditRow[]; loaded: boolean; timer: NodeJS.Timeout | null; draining: Promise<void> | null };
const globalKey = Symbol.for("reaper.auditOutbox");
type WithState = typeof globalThis & { [globalKey]?: State };

function state(): State {
  const g = globalThis as WithState;
  g[globalKey] ??= { rows: [], loaded: false, timer: null, draining: null };
  const s = g[globalKey];
  if (!s.loaded) {
    s.loaded = true;
    s.rows.push(...readFile());
  }
  return s;
}

const outboxPath = (): string => path.join(env().dataDir, FILE);

function readFile(): AuditRow[] {
  let text: string;
  try {
    text = fs.readFileSync(outboxPath(), "utf8");
  } catch {
    return [];
  }
  const rows: AuditRow[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      rows.push(JSON.parse(line) as AuditRow);
    } catch {
      // A line cut short by a crash mid-append: its request was never answered.
      log.warn("audit.outbox_torn_line", { length: line.length });
    }
  }
  return rows;
}

/** Rewrites the file from memory (synchronously, so no append can slip in between). */
function writeFile(rows: AuditRow[]): void {
  const file = outboxPath();
  if (rows.length === 0) {
    fs.rmSync(file, { force: true });
    return;
  }
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, rows.map((r) => `${JSON.stringify(r)}\n`).join(""), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function schedule(insert: InsertRow): void {
  const s = state();
  if (s.timer || s.rows.length === 0) return;
  s.timer = setTimeout(() => {
    s.timer = null;
    void drainAuditOutbox(insert);
  }, RETRY_MS);
  s.timer.unref();
}

/**
 * Keeps an event the store refused and retries it. Returns whether it reached the outbox file; when
 * even that fails (a full disk), it is retried from memory and the error is logged.
 */
export function keepInOutbox(row: AuditRow, insert: InsertRow, why: unknown): boolean {
  const s = state();
  s.rows.push(row);
  log.error("audit.write_failed", { eventId: row.id, kind: row.kind, error: why instanceof Error ? why.message : String(why) });
  let durable = true;
  try {
    const fd = fs.openSync(outboxPath(), "a", 0o600);
    try {
      fs.writeSync(fd, `${JSON.stringify(row)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    durable = false;
    log.error("audit.outbox_unwritable", { eventId: row.id, error: e instanceof Error ? e.message : String(e) });
  }
  schedule(insert);
  return durable;
}

/** Writes what waits into the store, oldest first, stopping at the first refusal (retried later). */
export function drainAuditOutbox(insert: InsertRow): Promise<void> {
  const s = state();
  s.draining ??= (async () => {
    let written = 0;
    for (const row of [...s.rows]) {
      try {
        await insert(row);
      } catch {
        break;
      }
      s.rows.splice(s.rows.indexOf(row), 1);
      written++;
    }
    if (written > 0) {
      log.info("audit.outbox_drained", { written, waiting: s.rows.length });
      try {
        writeFile(s.rows);
      } catch (e) {
        // The rows written stay in the file; the store ignores them when they come round again.
        log.warn("audit.outbox_rewrite_failed", { error: e instanceof Error ? e.message : String(e) });
      }
    }
  })().finally(() => {
    s.draining = null;
    schedule(insert);
  });
  return s.draining;
}

/** Events waiting for the store: for health and tests. */
export function auditEventsWaiting(): number {
  return state().rows.length;
}
