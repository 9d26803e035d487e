"use client";

import Link from "next/link";
import { RoleBadge } from "@/components/people/role-badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { RelativeTime } from "@/components/ui/relative-time";
import { SafeText } from "@/components/ui/safe-text";
import type { Person } from "@/lib/shared/people/types";

type Props = {
  people: Person[];
  accountNames: ReadonlyMap<string, string>;
  /** Absent: read-only (agents on an account page). */
  actions?: { onToggle: (p: Person) => void; onReset: (p: Person) => void; onDelete: (p: Person) => void };
  selfId: string;
};

/** People: who they are, their role and account, whether they can log in, and what an admin may do. */
export function PeopleTable({ people, accountNames, actions, selfId }: Props) {
  return (
    <DataTable headings={["Email", "Role", "Account", "Status", "Added"]} hiddenHeading={actions ? "Actions" : undefined}>
      {people.map((p) => (
        <tr key={p.id} data-testid="person-row" data-email={p.email} className="border-t border-slate-200 align-middle hover:bg-slate-50">
          <td className="px-3 py-2 text-slate-900">
            <SafeText value={p.email} />
            {p.id === selfId ? <span className="ml-1.5 text-[11px] text-slate-500">(you)</span> : null}
          </td>
          <td className="px-3 py-2">
            <RoleBadge role={p.role} />
          </td>
          <td className="px-3 py-2 text-xs">
            {p.accountId ? (
              <Link href={`/accounts/${p.accountId}`} className="text-blue-700 hover:underline">
                <SafeText value={accountNames.get(p.accountId) ?? p.accountId} />
              </Link>
            ) : (
              <span className="text-slate-400">–</span>
            )}
          </td>
          <td className="px-3 py-2 text-xs" data-testid="person-status">
            {p.disabled ? <span className="font-medium text-red-700">disabled</span> : <span className="text-emerald-700">active</span>}
          </td>
          <td className="px-3 py-2 text-xs whitespace-nowrap text-slate-600">
            <RelativeTime iso={p.createdAt} />
          </td>
          {actions ? (
            <td className="px-3 py-2 text-right whitespace-nowrap">
              <Link href={`/audit?actorId=${encodeURIComponent(p.id)}`} className="mr-1 inline-flex h-7 items-center rounded-md px-2.5 text-xs font-medium text-slate-700 hover:bg-slate-200/70">
                Activity
              </Link>
              <Button size="sm" variant="ghost" onClick={() => actions.onToggle(p)} aria-label={`${p.disabled ? "Enable" : "Disable"} ${p.email}`}>
                {p.disabled ? "Enable" : "Disable"}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => actions.onReset(p)} aria-label={`Reset the password of ${p.email}`}>
                Reset password
              </Button>
              <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => actions.onDelete(p)} aria-label={`Delete ${p.email}`}>
                Delete
              </Button>
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}
