import { z } from "zod";
import { visibleOnly } from "@/lib/shared/schemas/text";

export const loginSchema = z.object({
  // Kept with the attempt for the login limits: no control or direction characters in it either.
  email: visibleOnly(z.string().trim().min(1, "is required").max(254, "is too long")),
  password: z.string().min(1, "is required").max(1024, "is too long"),
});
