import { z } from "zod";

// An empty value (`?serverId=&limit=`, as a form sends it) means "no filter", not an error.
const id = z
  .string()
  .trim()
  .max(64, "is too long")
  .optional()
  .transform((v) => (v ? v : undefined));

export const auditQuerySchema = z.object({
  serverId: id,
  actorId: id,
  limit: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int("must be a whole number").min(1, "must be 1-500").max(500, "must be 1-500").default(100),
  ),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;
