// Splits a scan's output at its marker lines ("@@reaper:NAME ARG"), one section per step's output.
import type { PstreeStep } from "@/lib/server/scan/parse/attach-pstree";
import type { LimitReads } from "@/lib/server/scan/parse/build-users";
import { maxProcessesSoftLimit } from "@/lib/server/scan/parse/parse-limits";
import { MARK } from "@/lib/server/scan/command/markers";
import type { ScanStep } from "@/lib/shared/scan/steps";

export type Section = { step: ScanStep | "end"; name: string; arg: string; body: string };

/** The step a marker name belongs to; null for a name no scan prints. */
export function stepOf(name: string): ScanStep | "end" | null {
  if (name === "end" || name === "sys" || name === "stat" || name === "ps") return name;
  if (name === "parent") return "parents";
  if (name === "limits") return "limits";
  return name.startsWith("pstree") ? "pstree" : null;
}

/** Marker lines start a section; text before the first one came from the account's shell. */
export function splitSections(stdout: string): { preamble: string; sections: Section[] } | { unknown: string; after: Section | undefined } {
  const nextMarker = (from: number) => {
    const at = stdout.indexOf(`\n${MARK}`, from);
    return at < 0 ? -1 : at + 1;
  };
  const starts: number[] = [];
  for (let at = stdout.startsWith(MARK) ? 0 : nextMarker(0); at >= 0; at = nextMarker(at)) starts.push(at);
  const sections: Section[] = [];
  for (const [i, start] of starts.entries()) {
    const end = starts[i + 1] ?? stdout.length;
    const newline = stdout.indexOf("\n", start);
    const lineEnd = newline < 0 || newline > end ? end : newline;
    const line = stdout.slice(start + MARK.length, lineEnd);
    const space = line.indexOf(" ");
    const name = space < 0 ? line : line.slice(0, space);
    const step = stepOf(name);
    if (step === null) return { unknown: line, after: sections[sections.length - 1] };
    sections.push({ step, name, arg: space < 0 ? "" : line.slice(space + 1), body: stdout.slice(lineEnd + 1, end) });
  }
  return { preamble: stdout.slice(0, starts[0] ?? stdout.length), sections };
}

export function pstreeStep(sections: Section[]): PstreeStep {
  const outputs = new Map<number, string>();
  for (const s of sections) {
    if (s.name === "pstree-missing") return { kind: "missing" };
    if (s.name === "pstree-skipped") return { kind: "skipped", processes: Number(s.arg) };
    if (s.name === "pstree" && /^\d+$/.test(s.arg)) outputs.set(Number(s.arg), s.body);
  }
  return outputs.size > 0 ? { kind: "ran", outputs } : { kind: "none" };
}


/** Per-PID sections ("@@reaper:parent PID"); a PID-less or repeated one is ignored. */
export function byPid<T>(sections: Section[], name: string, read: (body: string) => T): Map<number, T> {
  const out = new Map<number, T>();
  for (const s of sections) if (s.name === name && /^\d+$/.test(s.arg)) out.set(Number(s.arg), read(s.body));
  return out;
}

/** What the limits sections read: the "Max processes" soft limit by PID. */
export function limitReads(sections: Section[]): LimitReads {
  const out: LimitReads = new Map();
  for (const [pid, limit] of byPid(sections, "limits", maxProcessesSoftLimit)) if (limit !== undefined) out.set(pid, limit);
  return out;
}
