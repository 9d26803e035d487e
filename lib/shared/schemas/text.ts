import { z } from "zod";
import { hasInvisible } from "@/lib/shared/format/visible-text";

/** A one-line name someone types (an account, a token, a server): trimmed, 1-`max` visible characters. */
export function nameSchema(max = 100) {
  return z
    .string("is required")
    .trim()
    .min(1, "is required")
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !hasInvisible(v), "must not contain control or invisible characters (newlines, tabs, zero-width or direction marks)");
}
