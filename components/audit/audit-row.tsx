"use client";

import Link from "next/link";
import { ResultBadge } from "@/components/audit/result-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { SafeText } from "@/components/ui/safe-text";
import { formatUtc } from "@/lib/shared/format/time";
import type { AuditEvent } from "@/lib/client/use-audit";

export type ServerName = { id: string; name: string };

function Target({ event }: { event: AuditEvent }) {
  if (event.pid === undefined && event.comm === undefined) return <span className="text-slate-400">–</span>;
  return (
    <span className="font-mono text-xs">
      {event.comm !== undefined ? <SafeText value={event.comm} /> : "?"} ({event.pid ?? "?"})
      {event.startTime !== undefined ? <span className="block text-[11px] text-slate-500">start {event.startTime} ticks</span> : null}
    </span>
  );
}

/** One audit event: when, who, which server, what was attempted on what, and how it ended. */
export function AuditRow({ event, serverName }: { event: AuditEvent; serverName: string | undefined }) {
  return (
    <tr data-testid="audit-row" data-action={event.action ?? event.kind} data-result={event.result} className="border-t border-slate-200 align-top hover:bg-slate-50">
      <td className="px-3 py-2 text-xs whitespace-nowrap text-slate-800">
        {formatUtc(event.at)}
        <RelativeTime iso={event.at} className="block text-[11px] text-slate-500" />
      </td>
      <td className="px-3 py-2 text-xs text-slate-800">
        <SafeText value={event.actor.email} />
      </td>
      <td className="px-3 py-2 text-xs">
        {event.serverId === null ? (
          <span className="text-slate-400">–</span>
        ) : serverName !== undefined ? (
          <Link href={`/servers/${event.serverId}`} className="rounded font-medium text-blue-700 hover:underline">
            <SafeText value={serverName} />
          </Link>
        ) : (
          <span className="text-slate-500" title={event.serverId}>
            deleted server
          </span>
        )}
      </td>
      <td className="px-3 py-2 text-xs font-medium text-slate-900">
        {event.action ?? event.kind}
        {event.action && event.kind !== "action" ? <span className="block text-[11px] font-normal text-slate-500">{event.kind}</span> : null}
      </td>
      <td className="px-3 py-2">
        <Target event={event} />
      </td>
      <td className="px-3 py-2">
        <ResultBadge result={event.result} />
      </td>
      <td className="px-3 py-2 font-mono text-[11px] text-slate-600">{event.code ?? "–"}</td>
      <td className="max-w-md px-3 py-2 text-xs text-slate-700">
        <SafeText value={event.message} />
        {event.reason ? (
          <span className="mt-0.5 block text-[11px] text-slate-500">
            Reason: <SafeText value={event.reason} />
          </span>
        ) : null}
      </td>
    </tr>
  );
}
