import { z } from "zod";

export const loginSchema = z.object({
  email: z.string().trim().min(1, "is required").max(254, "is too long"),
  password: z.string().min(1, "is required").max(1024, "is too long"),
});
