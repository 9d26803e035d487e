"use client";

import { Spinner } from "@/components/ui/spinner";
import { SearchFilter, SelectFilter } from "@/components/ui/filter-field";
import type { ServerName } from "@/components/audit/audit-row";

export type AuditFilterValues = { serverId: string; person: string; limit: number };

const LIMITS = [50, 100, 200, 500];

type Props = { servers: ServerName[]; values: AuditFilterValues; onChange: (v: AuditFilterValues) => void; busy: boolean };

/** Server (asks the API), person (filters what came back), and how many events to load. */
export function AuditFilters({ servers, values, onChange, busy }: Props) {
  const sorted = [...servers].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="flex flex-wrap items-end gap-2">
      {busy ? <Spinner className="mb-2 size-3.5 text-slate-400" /> : null}
      <SelectFilter
        id="audit-server"
        label="Server"
        value={values.serverId}
        choices={[{ value: "", label: "All servers" }, ...sorted.map((s) => ({ value: s.id, label: s.name }))]}
        onChange={(serverId) => onChange({ ...values, serverId })}
        width="w-52"
      />
      <SearchFilter id="audit-person" label="Person" value={values.person} placeholder="email" onChange={(person) => onChange({ ...values, person })} width="w-52" />
      <SelectFilter
        id="audit-limit"
        label="Show"
        value={String(values.limit)}
        choices={LIMITS.map((n) => ({ value: String(n), label: `last ${n}` }))}
        onChange={(limit) => onChange({ ...values, limit: Number(limit) })}
        width="w-32"
      />
    </div>
  );
}
