import { z } from "zod";

// GET /api/servers/:id/unit?pid=&startTime=: the process from a scan whose systemd unit to look at.
export const unitQuerySchema = z.object({
  pid: z.coerce.number("must be the PID from the scan").int("must be a whole number").min(1, "must be 1 or more").max(4_194_304, "must be at most 4194304"),
  startTime: z.coerce.number("must be the startTime from the scan").int("must be a whole number").min(0, "must be 0 or more").max(Number.MAX_SAFE_INTEGER, "is too large"),
});

export type UnitQuery = z.infer<typeof unitQuerySchema>;
