import { z } from "zod";
import { ACTION_KINDS } from "@/lib/shared/schemas/action-kinds";
import { visibleOnly } from "@/lib/shared/schemas/text";
import { parseRestartableUnit, UNIT_NAME_MAX } from "@/lib/shared/actions/unit-name";

// Linux's PID_MAX_LIMIT is 2^22; start times are clock ticks since boot.
const MAX_PID = 4_194_304;

export const actionRequestSchema = z
  .object({
    action: z.enum(ACTION_KINDS, "must be reap, terminate, kill or restart"),
    pid: z.number("must be a number (the PID from the scan)").int("must be a whole number").min(1, "must be 1 or more").max(MAX_PID, `must be at most ${MAX_PID}`),
    startTime: z
      .number("must be a number (the startTime from the scan)")
      .int("must be a whole number")
      .min(0, "must be 0 or more")
      .max(Number.MAX_SAFE_INTEGER, "is too large"),
    // The PID typed back; compared as text, so a form may send "1234" or 1234. A mismatch is
    // CONFIRMATION_REQUIRED (the contract's answer), not VALIDATION.
    confirm: z.union([z.number(), z.string().max(32, "is too long")], "must be the PID, as a number or text").optional(),
    reason: visibleOnly(z.string("must be text").max(500, "must be at most 500 characters")).optional(),
    // restart only: the systemd service the scan says the parent belongs to (Parent.service.name).
    // The server checks it again against the process's cgroup before restarting anything.
    unit: z.string("must be the unit's name as text, like php-fpm.service").max(UNIT_NAME_MAX, `must be at most ${UNIT_NAME_MAX} characters`).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.action !== "restart") {
      if (v.unit !== undefined) ctx.addIssue({ code: "custom", path: ["unit"], message: "is only for restart: leave it out for reap, terminate and kill" });
      return;
    }
    if (v.unit === undefined) {
      ctx.addIssue({ code: "custom", path: ["unit"], message: "is required for restart: the systemd service of the parent, as the scan shows it (for example php-fpm.service)" });
      return;
    }
    const unit = parseRestartableUnit(v.unit);
    if (!unit.ok) ctx.addIssue({ code: "custom", path: ["unit"], message: unit.error });
  });

/** What a caller asks for: the body of POST /api/servers/:id/actions. */
export type ActionRequest = z.infer<typeof actionRequestSchema>;
