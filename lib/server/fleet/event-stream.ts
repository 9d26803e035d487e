import "server-only";
import type { User } from "@/lib/shared/auth/types";
import { finishedFleetResults, findFleetScanRecord, readFleetScan } from "@/lib/server/db/fleet-scans";
import { onFleetResults } from "@/lib/server/fleet/events";
import { requireFleetScan } from "@/lib/server/fleet/fleet-scans";
import { log } from "@/lib/server/log";
import type { FleetScanProgress, FleetScanResult } from "@/lib/shared/fleet/types";

// GET /api/fleet/scans/:id/events: `snapshot` (the whole scan so far), then one `result` per server
// as it finishes (with the progress), then `done`. Results are read from the store, woken by this
// process's jobs and polled as well, so a stream opened late, or served by another process, misses
// nothing. Each read takes the results finished since the newest one sent, less LATE_COMMIT_MS
// (results commit in no strict order of their finishing times, least of all from several
// instances), and all of them once, when the fleet scan is finished, for any that committed later
// still: a 5,000-server scan is not read whole every second by every open page. Polling the rows
// rather than PostgreSQL's LISTEN/NOTIFY: it works the same on both stores, holds no connection per
// instance for listening, cannot miss a notification sent while a listener reconnects, and a
// second's delay is nothing for a progress display. A comment line every 15 s keeps proxies from
// closing a quiet stream.

const POLL_MS = 1000;
/** How long after its finishing time a result may still commit and be caught before the scan ends. */
const LATE_COMMIT_MS = 30_000;
const HEARTBEAT_MS = 15_000;

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export async function fleetScanEventStream(user: User, id: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const record = await requireFleetScan(user, id);
  const encoder = new TextEncoder();
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (chunk: string) => {
        if (!closed) controller.enqueue(encoder.encode(chunk));
      };
      const first = await readFleetScan(record);
      send(frame("snapshot", first));
      const seen = new Set(first.results.filter((r) => r.status !== "pending").map((r) => r.serverId));
      const progress: FleetScanProgress = { total: first.total, done: first.done, failed: first.failed };
      let newest = first.results.reduce((m, r) => (r.finishedAt && r.finishedAt > m ? r.finishedAt : m), record.createdAt);
      const take = (results: FleetScanResult[]) => {
        for (const result of results) {
          if (result.finishedAt && result.finishedAt > newest) newest = result.finishedAt;
          if (seen.has(result.serverId)) continue;
          seen.add(result.serverId);
          progress.done++;
          if (result.status === "error") progress.failed++;
          send(frame("result", { result, progress }));
        }
      };

      let reading = false;
      let again = false;
      const finish = () => {
        if (closed) return;
        send(frame("done", progress));
        stop();
        try {
          controller.close();
        } catch {
          // The client went away first: nothing left to close.
        }
      };
      const read = async () => {
        if (closed) return;
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        try {
          do {
            again = false;
            take(await finishedFleetResults(id, new Date(Date.parse(newest) - LATE_COMMIT_MS).toISOString()));
          } while (again && !closed);
          if (progress.done < progress.total) {
            if (!(await findFleetScanRecord(id))?.finishedAt) return;
            take(await finishedFleetResults(id));
          }
          finish();
        } catch (e) {
          log.error("fleet.events_failed", { fleetScanId: id, error: e instanceof Error ? e.message : String(e) });
          finish();
        } finally {
          reading = false;
        }
      };

      const unsubscribe = onFleetResults(id, () => void read());
      const poll = setInterval(() => void read(), POLL_MS);
      const beat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      stop = () => {
        closed = true;
        unsubscribe();
        clearInterval(poll);
        clearInterval(beat);
      };
      signal.addEventListener("abort", () => stop(), { once: true });
      if (first.status === "done") finish();
      else await read();
    },
    cancel() {
      stop();
    },
  });
}
