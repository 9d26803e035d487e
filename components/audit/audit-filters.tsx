"use client";

import { Spinner } from "@/components/ui/spinner";
import { inputClass } from "@/components/ui/text-field";
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
      <div>
        <label htmlFor="audit-server" className="mb-0.5 block text-xs text-slate-600">
          Server
        </label>
        <select id="audit-server" value={values.serverId} onChange={(e) => onChange({ ...values, serverId: e.target.value })} className={`${inputClass} w-52 py-1`}>
          <option value="">All servers</option>
          {sorted.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-person" className="mb-0.5 block text-xs text-slate-600">
          Person
        </label>
        <input
          id="audit-person"
          type="search"
          value={values.person}
          onChange={(e) => onChange({ ...values, person: e.target.value })}
          placeholder="email"
          className={`${inputClass} w-52 py-1`}
        />
      </div>
      <div>
        <label htmlFor="audit-limit" className="mb-0.5 block text-xs text-slate-600">
          Show
        </label>
        <select id="audit-limit" value={values.limit} onChange={(e) => onChange({ ...values, limit: Number(e.target.value) })} className={`${inputClass} w-32 py-1`}>
          {LIMITS.map((n) => (
            <option key={n} value={n}>
              last {n}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
