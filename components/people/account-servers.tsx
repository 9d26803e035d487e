import Link from "next/link";
import { ZombieCount } from "@/components/servers/zombie-count";
import { DataTable } from "@/components/ui/data-table";
import { RelativeTime } from "@/components/ui/relative-time";
import { SafeText } from "@/components/ui/safe-text";
import type { Server } from "@/lib/shared/servers/types";

/** An account's servers: open the full page, or the panel as the customer sees it. */
export function AccountServers({ servers }: { servers: Server[] }) {
  if (servers.length === 0) return <p className="rounded-lg border border-slate-200 bg-white px-4 py-4 text-sm text-slate-600">No servers yet: give a server this account in its Edit form.</p>;
  return (
    <DataTable headings={["Server", "Last scan", "Zombies"]} hiddenHeading="Open">
      {servers.map((s) => (
        <tr key={s.id} data-testid="account-server" className="border-t border-slate-200 hover:bg-slate-50">
          <td className="px-3 py-2">
            <Link href={`/servers/${s.id}`} className="font-medium text-blue-700 hover:underline">
              <SafeText value={s.name} />
            </Link>
          </td>
          <td className="px-3 py-2 text-xs text-slate-700">{s.lastScan ? <RelativeTime iso={s.lastScan.startedAt} /> : <span className="text-slate-400">never</span>}</td>
          <td className="px-3 py-2">{s.lastScan ? <ZombieCount count={s.lastScan.summary.zombies} /> : <span className="text-xs text-slate-400">–</span>}</td>
          <td className="px-3 py-2 text-right">
            <Link href={`/panel/${s.id}`} className="text-xs font-medium text-slate-700 hover:underline">
              View as customer
            </Link>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
