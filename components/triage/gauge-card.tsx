"use client";

import type { ReactNode } from "react";
import { LEVEL_TEXT, LEVEL_WORD } from "@/components/triage/level-style";
import { SourceNote } from "@/components/triage/source-note";
import type { FigureSource, Level } from "@/lib/shared/triage/types";

type Props = { title: string; level?: Level; sources: FigureSource[]; commands: string[]; children: ReactNode; className?: string };

/** One triage figure: a title with its level, the figure, and where it came from. */
export function GaugeCard({ title, level, sources, commands, children, className = "" }: Props) {
  return (
    <div className={`min-w-0 rounded-md border border-slate-200 bg-white px-3 py-2.5 ${className}`}>
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="text-xs font-semibold text-slate-700">{title}</h3>
        {level && level !== "ok" ? <span className={`text-[11px] font-medium ${LEVEL_TEXT[level]}`}>{LEVEL_WORD[level]}</span> : null}
      </div>
      <div className="mt-1 text-xs text-slate-700">{children}</div>
      <SourceNote sources={sources} commands={commands} />
    </div>
  );
}
