// Reading numbers and fields straight out of a big text by offsets: a 50,000-process scan is parsed
// without a substring per line or per numeric field (those strings, and collecting them, were most
// of the parse's time).

/** The digits of text[start, end) as a number, NaN if anything else. */
export function intBetween(text: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return NaN;
  let n = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    n = n * 10 + digit;
  }
  return n;
}

/** "12", "0.5", "12.3" in text[start, end) as a number (ps's %CPU), NaN for anything else. */
export function decimalBetween(text: string, start: number, end: number): number {
  const dot = text.indexOf(".", start);
  if (dot < 0 || dot >= end) return intBetween(text, start, end);
  const whole = intBetween(text, start, dot);
  const fraction = intBetween(text, dot + 1, end);
  return dot === start || dot + 1 === end ? NaN : whole + fraction / 10 ** (end - dot - 1);
}

/** Where the line starting at `from` ends: the next "\n", or the text's end. */
export function lineEnd(text: string, from: number): number {
  const at = text.indexOf("\n", from);
  return at < 0 ? text.length : at;
}

/** [start, end) of the next space-separated field at or after `from` within a line ending at `stop`; end -1 if none. */
export function nextField(text: string, from: number, stop: number): [number, number] {
  let i = from;
  while (i < stop && text.charCodeAt(i) === 32) i++;
  const end = text.indexOf(" ", i);
  return [i, end <= i || end >= stop ? -1 : end];
}
