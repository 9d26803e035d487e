// Reads what the details command (details-command.ts) printed: ps's rows and the limits they led
// to, then pstree's views. Nothing here fails the scan: a part that did not work becomes a note.
import type { PsStep } from "@/lib/server/scan/parse/attach-ps";
import type { PstreeStep } from "@/lib/server/scan/parse/attach-pstree";
import { parsePs } from "@/lib/server/scan/parse/parse-ps";
import { limitReads, pstreeStep, splitSections, type Section } from "@/lib/server/scan/parse/sections";

export type Details = { ps: PsStep; pstree: PstreeStep };

/** The details among a scan's sections; ps null when they hold no ps section. */
export function detailsOf(sections: Section[]): { ps: PsStep | null; pstree: PstreeStep } {
  const psSection = sections.find((s) => s.step === "ps");
  const pstree = pstreeStep(sections.filter((s) => s.step === "pstree"));
  if (!psSection) return { ps: null, pstree };
  const table = parsePs(psSection.body);
  return { ps: table.ok ? { kind: "ran", table: table.value, limits: limitReads(sections) } : { kind: "failed", reason: `ps ${table.error}` }, pstree };
}

/** The details command's whole output; a cut-off or garbled one fails both parts with the reason. */
export function parseDetailsOutput(stdout: string): Details {
  const failed = (reason: string): Details => ({ ps: { kind: "failed", reason }, pstree: { kind: "failed", reason } });
  const split = splitSections(stdout);
  if ("unknown" in split) return failed("it printed an unexpected marker line");
  const last = split.sections[split.sections.length - 1];
  if (last?.step !== "end") return failed("its output was cut off");
  const { ps, pstree } = detailsOf(split.sections);
  return { ps: ps ?? { kind: "failed", reason: "ps did not run" }, pstree };
}
