import { z } from "zod";
import { ACTION_KINDS } from "@/lib/shared/schemas/action-kinds";

// Linux's PID_MAX_LIMIT is 2^22; start times are clock ticks since boot.
const MAX_PID = 4_194_304;

export const actionRequestSchema = z
  .object({
    action: z.enum(ACTION_KINDS, "must be reap, terminate or kill"),
    pid: z.number("must be a number (the PID from the scan)").int("must be a whole number").min(1, "must be 1 or more").max(MAX_PID, `must be at most ${MAX_PID}`),
    startTime: z
      .number("must be a number (the startTime from the scan)")
      .int("must be a whole number")
      .min(0, "must be 0 or more")
      .max(Number.MAX_SAFE_INTEGER, "is too large"),
    // The PID typed back; compared as text, so a form may send "1234" or 1234. A mismatch is
    // CONFIRMATION_REQUIRED (the contract's answer), not VALIDATION.
    confirm: z.union([z.number(), z.string().max(32, "is too long")], "must be the PID, as a number or text").optional(),
    reason: z.string().max(500, "must be at most 500 characters").optional(),
  })
  .strict();

/** What a caller asks for: the body of POST /api/servers/:id/actions. */
export type ActionRequest = z.infer<typeof actionRequestSchema>;
