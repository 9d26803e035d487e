import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { RelativeTime } from "@/components/ui/relative-time";
import { SafeText } from "@/components/ui/safe-text";
import { formatCount } from "@/lib/shared/format/numbers";
import type { AccountListItem } from "@/lib/shared/people/types";

/** Every customer account: name, how many servers and people, since when. */
export function AccountsTable({ accounts }: { accounts: AccountListItem[] }) {
  return (
    <DataTable headings={["Account", "Servers", "People", "Created"]}>
      {accounts.map((a) => (
        <tr key={a.id} data-testid="account-row" className="border-t border-slate-200 hover:bg-slate-50">
          <td className="px-3 py-2">
            <Link href={`/accounts/${a.id}`} className="rounded font-medium text-blue-700 hover:underline">
              <SafeText value={a.name} />
            </Link>
          </td>
          <td className="px-3 py-2 tabular-nums">{formatCount(a.servers)}</td>
          <td className="px-3 py-2 tabular-nums">{formatCount(a.people)}</td>
          <td className="px-3 py-2 text-xs text-slate-600">
            <RelativeTime iso={a.createdAt} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
