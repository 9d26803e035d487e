"use client";

import Link from "next/link";
import { ServerAddress } from "@/components/servers/server-address";
import { ZombieCount } from "@/components/servers/zombie-count";
import { Button } from "@/components/ui/button";
import { Fingerprint } from "@/components/ui/fingerprint";
import { RelativeTime } from "@/components/ui/relative-time";
import type { Server } from "@/lib/shared/servers/types";

/** One server in the list: where it is, how Reaper logs in, its key, and what the last scan found. */
export function ServerRow({ server, onEdit, onDelete }: { server: Server; onEdit: () => void; onDelete: () => void }) {
  return (
    <tr data-testid="server-row" className="border-t border-slate-200 align-middle hover:bg-slate-50">
      <td className="px-3 py-2">
        <Link href={`/servers/${server.id}`} className="rounded font-medium text-blue-700 hover:underline">
          {server.name}
        </Link>
        {server.useSudo ? <span className="ml-2 rounded bg-slate-100 px-1 py-px text-[11px] text-slate-600">sudo</span> : null}
        {server.jumpServerId ? <span className="ml-2 rounded bg-slate-100 px-1 py-px text-[11px] text-slate-600">via jump host</span> : null}
      </td>
      <td className="px-3 py-2">
        <ServerAddress server={server} />
      </td>
      <td className="px-3 py-2 text-xs text-slate-700">{server.authType === "key" ? "key" : "password"}</td>
      <td className="px-3 py-2">
        <Fingerprint value={server.hostKeyFingerprint} className="text-xs whitespace-nowrap" />
      </td>
      <td className="px-3 py-2 text-xs whitespace-nowrap text-slate-700">
        {server.lastScan ? <RelativeTime iso={server.lastScan.startedAt} /> : <span className="text-slate-400">never</span>}
      </td>
      <td className="px-3 py-2">{server.lastScan ? <ZombieCount count={server.lastScan.summary.zombies} /> : <span className="text-xs text-slate-400">–</span>}</td>
      <td className="px-3 py-2 text-right whitespace-nowrap">
        <Link
          href={`/servers/${server.id}`}
          className="mr-1 inline-flex h-7 items-center rounded-md border border-slate-300 bg-white px-2.5 text-xs font-medium text-slate-800 hover:bg-slate-100"
        >
          Open
        </Link>
        <Button size="sm" variant="ghost" onClick={onEdit} aria-label={`Edit ${server.name}`}>
          Edit
        </Button>
        <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" onClick={onDelete} aria-label={`Delete ${server.name}`}>
          Delete
        </Button>
      </td>
    </tr>
  );
}
