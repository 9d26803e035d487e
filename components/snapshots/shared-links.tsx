"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { SafeText } from "@/components/ui/safe-text";
import { plural } from "@/lib/shared/format/numbers";
import { formatUtc } from "@/lib/shared/format/time";
import type { SnapshotInfo } from "@/lib/shared/snapshots/types";
import { revokeSnapshot, useSnapshots } from "@/lib/client/use-snapshots";

const STATUS_STYLE: Record<SnapshotInfo["status"], string> = {
  active: "text-emerald-700",
  revoked: "text-slate-500 line-through",
  expired: "text-slate-500",
};

/** The links shared from this server's scans: who shared them, how often they were opened, and Revoke. */
export function SharedLinks({ serverId }: { serverId: string }) {
  const { snapshots } = useSnapshots(serverId);
  const [failure, setFailure] = useState<string | null>(null);
  if (!snapshots || snapshots.length === 0) return null;
  const revoke = async (id: string) => {
    setFailure(null);
    try {
      await revokeSnapshot(serverId, id);
    } catch (e) {
      setFailure(e instanceof Error ? e.message : "Revoking failed. Try again.");
    }
  };
  return (
    <section aria-labelledby="shared-links-title" className="rounded-lg border border-slate-200 bg-white" data-testid="shared-links">
      <h2 id="shared-links-title" className="border-b border-slate-200 px-3 py-2 text-sm font-semibold text-slate-900">
        Shared links
      </h2>
      {failure ? <p className="px-3 pt-2 text-xs text-red-700">{failure}</p> : null}
      <ul className="divide-y divide-slate-100">
        {snapshots.slice(0, 10).map((s) => (
          <li key={s.id} className="flex items-start justify-between gap-2 px-3 py-1.5 text-xs" data-testid="shared-link">
            <span className="min-w-0">
              <span className={`block font-medium ${STATUS_STYLE[s.status]}`}>{s.ticket ? <SafeText value={s.ticket} /> : "No ticket"}</span>
              <span className="block text-slate-500">
                <RelativeTime iso={s.createdAt} /> · {plural(s.views, "view")} · {s.status === "active" ? `until ${formatUtc(s.expiresAt)}` : s.status}
              </span>
            </span>
            {s.status === "active" ? (
              <Button size="sm" variant="ghost" onClick={() => void revoke(s.id)} aria-label={`Revoke the link${s.ticket ? ` for ${s.ticket}` : ""}`}>
                Revoke
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
