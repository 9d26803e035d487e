"use client";

import { SCAN_STEPS } from "@/lib/shared/scan/steps";
import type { FigureSource } from "@/lib/shared/triage/types";

/** "from: /proc/PID/stat, ps": which part of the scan produced a figure; the exact command is in the tooltip. */
export function SourceNote({ sources, commands }: { sources: FigureSource[]; commands: string[] }) {
  if (sources.length === 0) return null;
  const title = sources
    .map((s) => {
      const command = commands[SCAN_STEPS.indexOf(s.step)];
      return `${s.read} (scan step "${s.step}")${command ? `\n  ${command.length > 300 ? `${command.slice(0, 300)}…` : command}` : ""}`;
    })
    .join("\n");
  const reads = [...new Set(sources.map((s) => s.read.split(":")[0] ?? s.read))];
  return (
    <p className="mt-1.5 truncate text-[11px] text-slate-400" title={title}>
      from: {reads.join(" · ")}
    </p>
  );
}
