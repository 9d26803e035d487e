// The background-scan interval as a choice of three: off (or, for a server, whatever its account
// says), every 5 minutes (the suggested start), or a number of minutes typed in.
export type IntervalMode = "off" | "five" | "custom";
export type IntervalChoice = { mode: IntervalMode; minutes: string };

export const SUGGESTED_MINUTES = 5;
const MAX_MINUTES = 1440;

export function choiceOf(minutes: number | null): IntervalChoice {
  if (minutes === null) return { mode: "off", minutes: "" };
  return minutes === SUGGESTED_MINUTES ? { mode: "five", minutes: "" } : { mode: "custom", minutes: String(minutes) };
}

/** The value to send as `scanIntervalMinutes`, or what is wrong with the typed minutes. */
export function minutesOf(choice: IntervalChoice): { ok: true; value: number | null } | { ok: false; error: string } {
  if (choice.mode === "off") return { ok: true, value: null };
  if (choice.mode === "five") return { ok: true, value: SUGGESTED_MINUTES };
  const text = choice.minutes.trim();
  const n = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(n) || n < 1 || n > MAX_MINUTES) return { ok: false, error: `Minutes between scans: a whole number from 1 to ${MAX_MINUTES} (a day).` };
  return { ok: true, value: n };
}

/** "every 5 min", "every 2 h", "off" */
export function describeInterval(minutes: number | null): string {
  if (minutes === null) return "off";
  if (minutes % 60 === 0) return `every ${minutes / 60} h`;
  return `every ${minutes} min`;
}
