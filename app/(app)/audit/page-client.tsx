"use client";

import { useMemo, useState } from "react";
import { AuditFilters, type AuditFilterValues } from "@/components/audit/audit-filters";
import { AuditState } from "@/components/audit/audit-state";
import { AuditTable } from "@/components/audit/audit-table";
import type { ServerName } from "@/components/audit/audit-row";
import { Button } from "@/components/ui/button";
import { SafeText } from "@/components/ui/safe-text";
import { useAudit } from "@/lib/client/use-audit";

type Props = { servers: ServerName[]; initialServerId: string; initialActorId: string };

/** The audit log: every action and refusal, newest first, filtered by server and person. Read-only. */
export function AuditPageClient({ servers, initialServerId, initialActorId }: Props) {
  const [filters, setFilters] = useState<AuditFilterValues>({ serverId: initialServerId, person: "", limit: 100 });
  const [actorId, setActorId] = useState(initialActorId);
  const { events, error, isLoading, isValidating } = useAudit({ serverId: filters.serverId || undefined, actorId: actorId || undefined, limit: filters.limit });
  const names = useMemo(() => new Map(servers.map((s) => [s.id, s.name])), [servers]);
  const person = filters.person.trim().toLowerCase();
  const shown = useMemo(() => (events ?? []).filter((e) => !person || e.actor.email.toLowerCase().includes(person)), [events, person]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-lg font-semibold tracking-tight">Audit log</h1>
          <p className="text-xs text-slate-500">
            Every signal sent or refused, every server change and every change to people and tokens, newest first. The log is append-only: events cannot be
            edited or deleted.
          </p>
        </div>
        <AuditFilters servers={servers} values={filters} onChange={setFilters} busy={isValidating} />
      </div>
      {actorId ? (
        <div data-testid="actor-filter" className="flex flex-wrap items-center gap-2 text-xs text-slate-700">
          <span>
            Only what <SafeText value={events?.[0]?.actor.email ?? "this person"} /> did.
          </span>
          <Button size="sm" variant="ghost" onClick={() => setActorId("")}>
            Show everyone
          </Button>
        </div>
      ) : null}
      {events && !error ? (
        shown.length > 0 ? (
          <AuditTable events={shown} serverNames={names} />
        ) : null
      ) : null}
      <AuditState error={error} loading={isLoading && !events} total={events?.length ?? null} shown={shown.length} filtered={Boolean(filters.serverId || person || actorId)} limit={filters.limit} />
    </div>
  );
}
