import { z } from "zod";
import { hasInvisible } from "@/lib/shared/format/visible-text";

/**
 * Text a person types that others will read (names, reasons): refused when it holds a character
 * that would not show as itself (C0/C1 controls such as NUL and ESC, zero-width characters, bidi
 * overrides like U+202E; see isInvisible), so what is stored is what every page shows.
 */
export function visibleOnly<S extends z.ZodType<string>>(schema: S) {
  return schema.refine((v) => !hasInvisible(v), "must not contain control or invisible characters (newlines, tabs, zero-width or direction marks)");
}

/** A one-line name someone types (an account, a token, a server): trimmed, 1-`max` visible characters. */
export function nameSchema(max = 100) {
  return visibleOnly(z.string("is required").trim().min(1, "is required").max(max, `must be at most ${max} characters`));
}
