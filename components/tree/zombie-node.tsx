"use client";

import { useState } from "react";
import { SafeText } from "@/components/ui/safe-text";
import { formatCount } from "@/lib/shared/format/numbers";
import { visibleText } from "@/lib/shared/format/visible-text";
import type { Process } from "@/lib/shared/scan/types";

const FIRST = 120;

/** "87 × php5.cgi <defunct>": a parent's zombies as one node, opened to list them. */
export function ZombieNode({ zombies, total }: { zombies: Process[]; total: number }) {
  const [open, setOpen] = useState(false);
  const [all, setAll] = useState(false);
  const names = [...new Set(zombies.map((z) => z.comm))];
  const shown = all ? zombies : zombies.slice(0, FIRST);
  return (
    <div data-testid="zombie-node">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} className="group/z flex items-center gap-1.5 rounded px-1 text-left text-slate-500">
        <span aria-hidden="true" className={`inline-block size-0 border-y-4 border-l-6 border-y-transparent border-l-slate-400 transition-transform ${open ? "rotate-90" : ""}`} />
        <span className="italic group-hover/z:underline">
          {formatCount(total)} ×{" "}
          {names.slice(0, 3).map((n, i) => (
            <span key={n}>
              {i > 0 ? ", " : null}
              <SafeText value={n} />
            </span>
          ))}
          {names.length > 3 ? ` and ${names.length - 3} more names` : null} &lt;defunct&gt;
        </span>
      </button>
      {open ? (
        <ul className="mt-0.5 ml-5 flex flex-wrap gap-1">
          {shown.map((z) => (
            <li key={z.pid} className="rounded bg-slate-100 px-1.5 text-[11px] text-slate-600" title={visibleText(`state ${z.state}, user ${z.user}, start ${z.startTime} ticks`)}>
              <SafeText value={z.comm} /> ({z.pid})
            </li>
          ))}
          {shown.length < zombies.length ? (
            <li>
              <button type="button" onClick={() => setAll(true)} className="text-[11px] font-medium text-blue-700 hover:underline">
                show all {formatCount(zombies.length)}
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
