import { z } from "zod";

export const scanListQuerySchema = z.object({
  limit: z.coerce.number().int("must be a whole number").min(1, "must be 1-200").max(200, "must be 1-200").default(20),
});
