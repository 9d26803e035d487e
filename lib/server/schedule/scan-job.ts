import "server-only";
import { z } from "zod";
import { isAppError } from "@/lib/shared/errors/app-error";
import { findStoredServerById } from "@/lib/server/db/servers";
import { env } from "@/lib/server/env";
import type { JobDefinition } from "@/lib/server/jobs/types";
import { scanServer } from "@/lib/server/scan/run-scan";

// One background scan of one server. The server's id is the job's singleton key: at most one scan
// of a server waits and at most one runs, however often the scheduler finds it due.
type Payload = { serverId: string };

export const backgroundScanJob: JobDefinition<Payload> = {
  name: "scan.background",
  payload: z.object({ serverId: z.string().min(1) }),
  concurrency: () => env().REAPER_BACKGROUND_SCAN_CONCURRENCY,
  run: async ({ serverId }) => {
    const server = await findStoredServerById(serverId);
    if (!server) return { skipped: "the server was deleted" };
    try {
      const scan = await scanServer(server);
      return { scanId: scan.id, zombies: scan.summary.zombies };
    } catch (e) {
      // A failed scan is an outcome (alerting counted it), not a failed job: the next one is planned.
      if (isAppError(e)) return { error: e.code };
      throw e;
    }
  },
};
