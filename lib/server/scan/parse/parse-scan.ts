// Reads what the scan command (scan-command.ts) printed: splits it at the marker lines, hands each
// step's text to its parser and joins the results. A failure names the step's shell text.
import { buildScan } from "@/lib/server/scan/parse/build-scan";
import type { LimitReads } from "@/lib/server/scan/parse/build-users";
import { maxProcessesSoftLimit } from "@/lib/server/scan/parse/parse-limits";
import { parseParentFacts, type ParentFacts } from "@/lib/server/scan/parse/parse-parent-facts";
import { parseProcStat } from "@/lib/server/scan/parse/parse-proc-stat";
import { parsePs } from "@/lib/server/scan/parse/parse-ps";
import { parseSys } from "@/lib/server/scan/parse/parse-sys";
import { fail, type Result } from "@/lib/shared/result";
import { MARK } from "@/lib/server/scan/command/markers";
import { pstreeStep, splitSections, stepOf, type Section } from "@/lib/server/scan/parse/sections";
import { SCAN_STEPS, type ScanStep } from "@/lib/shared/scan/steps";
import type { ScanData } from "@/lib/shared/scan/types";

export type ScanParseError = { command: string; message: string };

const STEP_LABELS: Record<ScanStep, string> = {
  sys: "Reading kernel limits",
  stat: "Reading /proc/*/stat",
  ps: "ps",
  pstree: "pstree",
  parents: "Reading the zombie parents' /proc/PID/status and cgroup",
  limits: "Reading the top users' /proc/PID/limits",
};

/** Per-PID sections ("@@reaper:parent PID"); a PID-less or repeated one is ignored. */
function byPid<T>(sections: Section[], name: string, read: (body: string) => T): Map<number, T> {
  const out = new Map<number, T>();
  for (const s of sections) if (s.name === name && /^\d+$/.test(s.arg)) out.set(Number(s.arg), read(s.body));
  return out;
}

function limitReads(sections: Section[]): LimitReads {
  const out: LimitReads = new Map();
  for (const [pid, limit] of byPid(sections, "limits", maxProcessesSoftLimit)) if (limit !== undefined) out.set(pid, limit);
  return out;
}

export function parseScanOutput(stdout: string, commands: string[]): Result<ScanData, ScanParseError> {
  const commandOf = (step: ScanStep) => commands[SCAN_STEPS.indexOf(step)] ?? step;
  const failAt = (step: ScanStep, message: string) => fail({ command: commandOf(step), message: `${STEP_LABELS[step]}: ${message}` });

  const split = splitSections(stdout);
  if ("unknown" in split) {
    const step = split.after?.step ?? "sys";
    return failAt(step === "end" ? "limits" : step, `printed an unexpected marker line ${JSON.stringify(MARK + split.unknown)}`);
  }
  const { preamble, sections } = split;
  const first = sections[0];
  if (!first) {
    return failAt("sys", stdout.trim() === ""
      ? "the scan printed nothing: the server could not run it (are sh and timeout installed?)"
      : `the scan's markers are missing, so the remote shell did not run it as written; it printed ${JSON.stringify(stdout.slice(0, 80))}`);
  }
  const last = sections[sections.length - 1] ?? first;
  if (last.step !== "end") {
    // ps runs in the background and its section is printed last: once the foreground has read
    // /proc, a missing ps section means ps is what did not finish (it can block on a hung process).
    const psMissing = !sections.some((s) => s.step === "ps") && (last.step === "stat" || last.step === "parents");
    return failAt(psMissing ? "ps" : last.step, "the scan stopped during this step (the remote timeout may have cut it off), so its output is incomplete");
  }
  const find = (step: ScanStep) => sections.find((s) => s.step === step);
  const [sysSection, statSection, psSection] = [find("sys"), find("stat"), find("ps")];
  if (!sysSection) return failAt("sys", "did not run: its marker is missing");
  if (!statSection) return failAt("stat", "did not run: its marker is missing");
  if (!psSection) return failAt("ps", "did not run: its marker is missing");

  const sys = parseSys(sysSection.body);
  if (!sys.ok) return failAt("sys", sys.error);
  const stat = parseProcStat(statSection.body);
  if (!stat.ok) return failAt("stat", stat.error);
  const ps = parsePs(psSection.body);
  if (!ps.ok) return failAt("ps", ps.error);

  const shellPid = Number(sysSection.arg);
  return {
    ok: true,
    value: buildScan({
      commands,
      scanShellPid: sysSection.arg !== "" && Number.isSafeInteger(shellPid) ? shellPid : null,
      sys: sys.value,
      stat: stat.value,
      ps: ps.value,
      pstree: pstreeStep(sections.filter((s) => s.step === "pstree")),
      parentFacts: byPid<ParentFacts>(sections, "parent", parseParentFacts),
      limits: limitReads(sections),
      shellNoiseLines: preamble.split("\n").filter((l) => l.trim() !== "").length,
    }),
  };
}

/**
 * Which step was printing when the output was cut off (the byte cap): the last marker line in the
 * chunks received so far, searched from the end so a huge step's output is not copied. A marker
 * split across two chunks is found through the previous chunk's tail.
 */
export function stepRunningAt(chunks: readonly Buffer[]): string | null {
  const mark = Buffer.from(MARK);
  for (let i = chunks.length - 1; i >= 0; i--) {
    const before = i > 0 ? (chunks[i - 1] ?? Buffer.alloc(0)).subarray(-mark.length) : Buffer.alloc(0);
    const after = (chunks[i + 1] ?? Buffer.alloc(0)).subarray(0, 64);
    const piece = Buffer.concat([before, chunks[i] ?? Buffer.alloc(0), after]);
    for (let at = piece.lastIndexOf(mark); at >= 0; at = at > 0 ? piece.lastIndexOf(mark, at - 1) : -1) {
      if (at > 0 && piece[at - 1] !== 0x0a) continue;
      if (at === 0 && !(i === 0 && before.length === 0)) continue;
      const name = /^[a-z-]+/.exec(piece.subarray(at + mark.length, at + mark.length + 32).toString("latin1"))?.[0] ?? "";
      const step = stepOf(name);
      if (step === null || step === "end") return null;
      return STEP_LABELS[step];
    }
  }
  return null;
}
