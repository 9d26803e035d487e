import { z } from "zod";
import { nameSchema } from "@/lib/shared/schemas/text";

export const SNAPSHOT_DEFAULT_DAYS = 30;
export const SNAPSHOT_MAX_DAYS = 365;

export const createSnapshotSchema = z.object({
  scanId: z.string("is required: the id of the scan to share").trim().min(1, "is required: the id of the scan to share").max(64, "is not a scan id"),
  // A ticket number or a ticket's URL: shown on the public page beside the scan.
  ticket: nameSchema(200).optional(),
  expiresInDays: z
    .number("must be a number of days")
    .int("must be a whole number of days")
    .min(1, `must be 1-${SNAPSHOT_MAX_DAYS} days`)
    .max(SNAPSHOT_MAX_DAYS, `must be 1-${SNAPSHOT_MAX_DAYS} days`)
    .default(SNAPSHOT_DEFAULT_DAYS),
});
export type CreateSnapshotInput = z.infer<typeof createSnapshotSchema>;

export const snapshotListQuerySchema = z.object({
  serverId: z.string("is required: the server whose snapshots to list").min(1, "is required: the server whose snapshots to list").max(64, "is not a server id"),
});
