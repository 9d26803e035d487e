"use client";

import { describeDevice } from "@/components/auth/device";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import type { SessionInfo } from "@/lib/shared/auth/types";

/** Each place the caller is logged in, this browser first, each with a way to log it out. */
export function SessionsList({ sessions, onEnd }: { sessions: SessionInfo[]; onEnd: (s: SessionInfo) => void }) {
  const ordered = [...sessions].sort((a, b) => Number(b.current) - Number(a.current));
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {ordered.map((s) => (
        <li key={s.id} data-testid="session-row" data-current={s.current} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
          <div className="min-w-0">
            <p className="font-medium text-slate-900">
              {describeDevice(s.userAgent)}
              {s.current ? <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-[11px] font-medium text-emerald-800">this browser</span> : null}
            </p>
            <p className="text-xs text-slate-600">
              from {s.address} · logged in <RelativeTime iso={s.createdAt} /> · last seen <RelativeTime iso={s.lastSeenAt} />
            </p>
          </div>
          <Button size="sm" variant={s.current ? "secondary" : "ghost"} className={s.current ? "" : "text-red-700 hover:bg-red-50"} onClick={() => onEnd(s)}>
            {s.current ? "Log out here" : "Log it out"}
          </Button>
        </li>
      ))}
    </ul>
  );
}
