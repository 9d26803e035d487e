import { z } from "zod";

/** How many scans the history chart shows: the page reads that many, the list beside it the newest few. */
export const SCAN_HISTORY_LIMIT = 30;

export const scanListQuerySchema = z.object({
  limit: z.coerce.number().int("must be a whole number").min(1, "must be 1-200").max(200, "must be 1-200").default(20),
});
