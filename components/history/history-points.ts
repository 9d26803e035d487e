// The history chart's geometry: oldest scan on the left, each series scaled to its own maximum.
import type { ScanListItem, ScanSummary } from "@/lib/shared/scan/types";

export type ChartPoint = { id: string; x: number; y: number; value: number };

export function seriesPoints(scans: readonly Pick<ScanListItem, "id" | "summary">[], value: (s: ScanSummary) => number, box: { width: number; top: number; height: number; pad: number }): ChartPoint[] {
  const ordered = [...scans].reverse();
  const max = Math.max(1, ...ordered.map((s) => value(s.summary)));
  const step = ordered.length > 1 ? (box.width - 2 * box.pad) / (ordered.length - 1) : 0;
  return ordered.map((s, i) => {
    const v = value(s.summary);
    return { id: s.id, value: v, x: ordered.length > 1 ? box.pad + i * step : box.width / 2, y: box.top + box.height - (v / max) * box.height };
  });
}

/** "grows" when the newest half of the scans averages clearly more zombies than the oldest half. */
export function trendWord(values: readonly number[]): "grows" | "shrinks" | "steady" | null {
  if (values.length < 3) return null;
  const half = Math.floor(values.length / 2);
  const avg = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const older = avg(values.slice(0, half));
  const newer = avg(values.slice(values.length - half));
  if (newer > older * 1.2 + 1) return "grows";
  if (newer < older * 0.8 - 1) return "shrinks";
  return "steady";
}
