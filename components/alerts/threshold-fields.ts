// The threshold form's text fields and the Thresholds they stand for. An empty field turns that
// threshold off (null); the API checks the ranges again and names the field it refuses.
import { THRESHOLD_LIMITS } from "@/lib/shared/alerts/defaults";
import type { Thresholds } from "@/lib/shared/alerts/types";

export type ThresholdKey = keyof Thresholds;
export type ThresholdFields = Record<ThresholdKey, string>;

export const THRESHOLD_KEYS: readonly ThresholdKey[] = ["zombiesAbove", "pidUsePercentAbove", "zombieAgeMinutesAbove", "failedScansInRow"];

export const THRESHOLD_WORDS: Record<ThresholdKey, { label: string; unit: string }> = {
  zombiesAbove: { label: "Zombies above", unit: "zombies" },
  pidUsePercentAbove: { label: "PID use above", unit: "%" },
  zombieAgeMinutesAbove: { label: "A zombie older than", unit: "minutes" },
  failedScansInRow: { label: "Failed scans in a row", unit: "scans" },
};

export function toFields(t: Thresholds): ThresholdFields {
  const field = (v: number | null) => (v === null ? "" : String(v));
  return { zombiesAbove: field(t.zombiesAbove), pidUsePercentAbove: field(t.pidUsePercentAbove), zombieAgeMinutesAbove: field(t.zombieAgeMinutesAbove), failedScansInRow: field(t.failedScansInRow) };
}

export type ParsedThresholds = { ok: true; value: Thresholds } | { ok: false; errors: Partial<Record<ThresholdKey, string>> };

export function parseFields(fields: ThresholdFields): ParsedThresholds {
  const value: Thresholds = { zombiesAbove: null, pidUsePercentAbove: null, zombieAgeMinutesAbove: null, failedScansInRow: null };
  const errors: Partial<Record<ThresholdKey, string>> = {};
  for (const key of THRESHOLD_KEYS) {
    const text = fields[key].trim();
    if (text === "") continue;
    const { min, max } = THRESHOLD_LIMITS[key];
    const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
    if (Number.isNaN(n) || n < min || n > max) errors[key] = `A whole number from ${min} to ${max}, or empty to turn it off.`;
    else value[key] = n;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** "100 zombies", "90 %", "off" — a set read in one line. */
export function describeThreshold(key: ThresholdKey, v: number | null): string {
  return v === null ? "off" : `${v} ${THRESHOLD_WORDS[key].unit}`;
}
