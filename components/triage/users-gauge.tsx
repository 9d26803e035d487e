"use client";

import { GaugeCard } from "@/components/triage/gauge-card";
import { LEVEL_ROW, LEVEL_TEXT } from "@/components/triage/level-style";
import { SafeText } from "@/components/ui/safe-text";
import { formatCount, formatPercent } from "@/lib/shared/format/numbers";
import { visibleText } from "@/lib/shared/format/visible-text";
import type { UserGauge } from "@/lib/shared/triage/types";

/** Each user's processes (with threads, what RLIMIT_NPROC counts) against that user's limit; near-limit rows stand out. */
export function UsersGauge({ users, commands }: { users: UserGauge[]; commands: string[] }) {
  if (users.length === 0) return null;
  const worst = users.find((u) => u.level === "critical") ?? users.find((u) => u.level === "warn");
  return (
    <GaugeCard title="Processes per user against their limit" level={worst?.level} sources={users[0]?.sources ?? []} commands={commands} className="sm:col-span-2">
      {worst ? (
        <p className={`mb-1 font-medium ${LEVEL_TEXT[worst.level]}`}>
          <SafeText value={worst.text} />
        </p>
      ) : null}
      <table className="w-full text-left">
        <thead className="text-[11px] text-slate-500">
          <tr>
            <th scope="col" className="py-0.5 pr-2 font-medium">User</th>
            <th scope="col" className="py-0.5 pr-2 text-right font-medium">Processes</th>
            <th scope="col" className="py-0.5 pr-2 text-right font-medium">With threads</th>
            <th scope="col" className="py-0.5 pr-2 text-right font-medium">Limit</th>
            <th scope="col" className="py-0.5 text-right font-medium">Used</th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {users.map((u) => (
            <tr key={u.user} className={`border-t border-slate-100 ${LEVEL_ROW[u.level]}`} title={visibleText(u.text)}>
              <td className="max-w-40 truncate py-0.5 pr-2 font-mono">
                <SafeText value={u.user} />
              </td>
              <td className="py-0.5 pr-2 text-right">{formatCount(u.processes)}</td>
              <td className="py-0.5 pr-2 text-right">{formatCount(u.threads)}</td>
              <td className="py-0.5 pr-2 text-right">{u.limit === null ? (u.level === "unknown" ? "not read" : "none") : formatCount(u.limit)}</td>
              <td className={`py-0.5 text-right font-medium ${LEVEL_TEXT[u.level]}`}>{u.limit === null ? "–" : formatPercent(u.threads, u.limit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </GaugeCard>
  );
}
