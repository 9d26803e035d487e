import "server-only";
import { visibleParts } from "@/lib/shared/format/visible-text";
import { escapeHtml } from "@/lib/shared/snapshots/snippets";

// The snapshot page is written as a string (it must answer 404 and 410 with a page, and the
// picture renderer loads the very same text), so every value goes through one of these two.

/** Text someone typed or Reaper wrote: escaped for HTML. */
export const esc = escapeHtml;

/** Text from the customer's server (names, command lines): escaped, and invisible characters shown as `\n`-style escapes. */
export function hostText(value: string): string {
  return visibleParts(value)
    .map((p) => (p.escaped ? `<span class="esc">${esc(p.text)}</span>` : esc(p.text)))
    .join("");
}

/** Joins the parts of a page, skipping the empty ones. */
export const join = (...parts: (string | false | null | undefined)[]): string => parts.filter((p): p is string => typeof p === "string" && p !== "").join("\n");
