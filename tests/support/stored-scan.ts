import { newId } from "@/lib/server/db/ids";
import type { Scan } from "@/lib/shared/scan/types";

/** A scan of one process and no zombies, for tests of how scans are stored and read. */
export function emptyScan(serverId: string, startedAt: string, over: Partial<Scan> = {}): Scan {
  return {
    id: newId("scn"), serverId, startedAt, durationMs: 5, commands: [], processes: [], zombies: [], parents: [], notes: [],
    summary: { processes: 1, zombies: 0, pidsInUse: 1, pidMax: 32768, loadAvg: [0, 0, 0] }, ...over,
  };
}
