import type { Level } from "@/lib/shared/triage/types";

/** Text and bar colours per level, the same on every gauge. */
export const LEVEL_TEXT: Record<Level, string> = { ok: "text-emerald-700", warn: "text-amber-700", critical: "text-red-700", unknown: "text-slate-500" };
export const LEVEL_BAR: Record<Level, string> = { ok: "bg-emerald-500", warn: "bg-amber-500", critical: "bg-red-600", unknown: "bg-slate-300" };
export const LEVEL_ROW: Record<Level, string> = { ok: "", warn: "bg-amber-50", critical: "bg-red-50", unknown: "" };
export const LEVEL_WORD: Record<Level, string> = { ok: "ok", warn: "near limit", critical: "at limit", unknown: "not read" };
