// Process names and command lines come from the customer's server, so an attacker may choose them.
// They are always rendered as text; this makes invisible characters visible so a name cannot hide
// a newline, a terminal escape or a right-to-left override. UTF-8 letters pass through unchanged.

export type TextPart = { text: string; escaped: boolean };

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0", "\x1b": "\\e" };

/** C0/C1 controls, DEL, zero-width characters, bidi marks, overrides and isolates, line/paragraph separators. */
export function isInvisible(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2069) ||
    code === 0xfeff
  );
}

/** Whether a typed text holds any character that would not show (see isInvisible). */
export function hasInvisible(value: string): boolean {
  for (const ch of value) if (isInvisible(ch.codePointAt(0) ?? 0)) return true;
  return false;
}

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** Splits into plain runs and escaped characters, e.g. "a\nb" → "a", "\\n" (escaped), "b". */
export function visibleParts(value: string, options: { keepNewlines?: boolean } = {}): TextPart[] {
  const parts: TextPart[] = [];
  let plain = "";
  for (const ch of value) {
    const keep = options.keepNewlines === true && ch === "\n";
    if (!keep && isInvisible(ch.codePointAt(0) ?? 0)) {
      if (plain) parts.push({ text: plain, escaped: false });
      plain = "";
      parts.push({ text: escapeChar(ch), escaped: true });
    } else {
      plain += ch;
    }
  }
  if (plain) parts.push({ text: plain, escaped: false });
  return parts;
}

/** The same as one string, for titles, copy buttons and plain-text contexts. */
export function visibleText(value: string, options: { keepNewlines?: boolean } = {}): string {
  return visibleParts(value, options)
    .map((p) => p.text)
    .join("");
}
