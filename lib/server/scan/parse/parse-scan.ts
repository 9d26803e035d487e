// Reads what the scan command (scan-command.ts) printed: splits it at the marker lines, hands each
// step's text to its parser and joins the results. A failure names the step's shell text. Outputs
// captured before the details step was split off hold its sections too: they are joined the same
// way the details step's own output is (details-output.ts).
import { withPs } from "@/lib/server/scan/parse/attach-ps";
import { withPstree } from "@/lib/server/scan/parse/attach-pstree";
import { buildScan } from "@/lib/server/scan/parse/build-scan";
import { detailsOf } from "@/lib/server/scan/parse/details-output";
import { parseParentFacts, type ParentFacts } from "@/lib/server/scan/parse/parse-parent-facts";
import { parseProcStat } from "@/lib/server/scan/parse/parse-proc-stat";
import { parseSys } from "@/lib/server/scan/parse/parse-sys";
import { fail, type Result } from "@/lib/shared/result";
import { MARK } from "@/lib/server/scan/command/markers";
import { byPid, splitSections, stepOf } from "@/lib/server/scan/parse/sections";
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

export function parseScanOutput(stdout: string, commands: string[]): Result<ScanData, ScanParseError> {
  const commandOf = (step: ScanStep) => commands[SCAN_STEPS.indexOf(step)] || STEP_LABELS[step];
  const failAt = (step: ScanStep, message: string) => fail({ command: commandOf(step), message: `${STEP_LABELS[step]}: ${message}` });

  const split = splitSections(stdout);
  if ("unknown" in split) {
    const step = split.after?.step ?? "sys";
    return failAt(step === "end" ? "parents" : step, `printed an unexpected marker line ${JSON.stringify(MARK + split.unknown)}`);
  }
  const { preamble, sections } = split;
  const first = sections[0];
  if (!first) {
    return failAt("sys", stdout.trim() === ""
      ? "the scan printed nothing: the server could not run it (are sh and timeout installed?)"
      : `the scan's markers are missing, so the remote shell did not run it as written; it printed ${JSON.stringify(stdout.slice(0, 80))}`);
  }
  const last = sections[sections.length - 1] ?? first;
  if (last.step !== "end") return failAt(last.step, "the scan stopped during this step (the remote timeout may have cut it off), so its output is incomplete");
  const find = (step: ScanStep) => sections.find((s) => s.step === step);
  const [sysSection, statSection] = [find("sys"), find("stat")];
  if (!sysSection) return failAt("sys", "did not run: its marker is missing");
  if (!statSection) return failAt("stat", "did not run: its marker is missing");

  const sys = parseSys(sysSection.body);
  if (!sys.ok) return failAt("sys", sys.error);
  const stat = parseProcStat(statSection.body);
  if (!stat.ok) return failAt("stat", stat.error);

  const shellPid = Number(sysSection.arg);
  const scan = buildScan({
    commands,
    scanShellPid: sysSection.arg !== "" && Number.isSafeInteger(shellPid) ? shellPid : null,
    sys: sys.value,
    stat: stat.value,
    parentFacts: byPid<ParentFacts>(sections, "parent", parseParentFacts),
    shellNoiseLines: preamble.split("\n").filter((l) => l.trim() !== "").length,
  });
  const details = detailsOf(sections);
  const withDetails = details.ps ? withPs(scan, details.ps) : scan;
  return { ok: true, value: details.pstree.kind === "none" ? withDetails : withPstree(withDetails, details.pstree) };
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
