"use client";

import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { RelativeTime } from "@/components/ui/relative-time";
import { SafeText } from "@/components/ui/safe-text";
import type { TokenInfo } from "@/lib/shared/auth/types";

/** The caller's tokens: name, when made, when last used; never the secret. */
export function TokensTable({ tokens, onRevoke }: { tokens: TokenInfo[]; onRevoke: (t: TokenInfo) => void }) {
  return (
    <DataTable headings={["Name", "Created", "Last used"]} hiddenHeading="Revoke">
      {tokens.map((t) => (
        <tr key={t.id} data-testid="token-row" className="border-t border-slate-200">
          <td className="px-3 py-2 font-medium break-words text-slate-900">
            <SafeText value={t.name} />
          </td>
          <td className="px-3 py-2 text-xs text-slate-700">
            <RelativeTime iso={t.createdAt} />
          </td>
          <td className="px-3 py-2 text-xs text-slate-700" data-testid="token-last-used">
            {t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} /> : <span className="text-slate-400">never</span>}
          </td>
          <td className="px-3 py-2 text-right">
            <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => onRevoke(t)} aria-label={`Revoke ${t.name}`}>
              Revoke
            </Button>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
