const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 4194304 → "4,194,304" */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** Share of `part` in `whole` as "12.3%" ("<0.1%" for a tiny non-zero share). */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return "–";
  const p = (part / whole) * 100;
  if (p > 0 && p < 0.1) return "<0.1%";
  return `${p.toFixed(p < 10 ? 1 : 0)}%`;
}

/** Load average to two decimals. */
export function formatLoad(n: number): string {
  return n.toFixed(2);
}

/** "1 zombie", "87 zombies" */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : many}`;
}
