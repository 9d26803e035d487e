"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SafeText } from "@/components/ui/safe-text";
import { formatCount } from "@/lib/shared/format/numbers";
import type { Process } from "@/lib/shared/scan/types";

const FIRST_ROWS = 200;

/** The zombies of one parent; very long lists show the first 200 until asked for all. */
export function ZombieList({ zombies }: { zombies: Process[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? zombies : zombies.slice(0, FIRST_ROWS);
  return (
    <div>
      <table className="w-full text-left text-xs">
        <thead className="text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-1.5 font-medium">PID</th>
            <th scope="col" className="px-3 py-1.5 font-medium">State</th>
            <th scope="col" className="px-3 py-1.5 font-medium">User</th>
            <th scope="col" className="px-3 py-1.5 font-medium">Name (comm)</th>
            <th scope="col" className="px-3 py-1.5 font-medium">Start time (ticks)</th>
          </tr>
        </thead>
        <tbody className="font-mono">
          {shown.map((z) => (
            <tr key={z.pid} className="border-t border-slate-100">
              <td className="px-3 py-1 tabular-nums">{z.pid}</td>
              <td className="px-3 py-1">
                <SafeText value={z.state} />
              </td>
              <td className="px-3 py-1">
                <SafeText value={z.user} />
              </td>
              <td className="px-3 py-1 break-all">
                <SafeText value={z.comm} />
              </td>
              <td className="px-3 py-1 tabular-nums">{z.startTime}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length < zombies.length ? (
        <div className="border-t border-slate-100 px-3 py-2">
          <Button size="sm" onClick={() => setAll(true)}>
            Show all {formatCount(zombies.length)} zombies
          </Button>
        </div>
      ) : null}
    </div>
  );
}
