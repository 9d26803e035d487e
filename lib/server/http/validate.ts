import type { z } from "zod";
import { AppError } from "@/lib/shared/errors/app-error";

/** Parses with a shared schema; the first problem becomes a VALIDATION error naming its field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, where = "body"): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join(".") : where;
  throw new AppError("VALIDATION", `${field}: ${issue?.message ?? "is invalid"}`, { field });
}
