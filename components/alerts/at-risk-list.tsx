import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { RelativeTime } from "@/components/ui/relative-time";
import { SafeText } from "@/components/ui/safe-text";
import type { ServerAlert } from "@/lib/shared/alerts/types";

/** The servers at risk now, longest first, each with why (the thresholds it crossed). */
export function AtRiskList({ alerts, serverPage }: { alerts: ServerAlert[]; serverPage: "servers" | "panel" }) {
  if (alerts.length === 0) {
    return (
      <p data-testid="no-alerts" className="text-sm text-slate-600">
        No server is at risk now.
      </p>
    );
  }
  return (
    <DataTable headings={["Server", "Why", "At risk since", "Last scan"]}>
      {alerts.map(({ server, state }) => (
        <tr key={server.id} data-testid="alert-row" className="border-t border-slate-200 align-top">
          <td className="px-3 py-2">
            <Link href={`/${serverPage}/${server.id}`} className="font-medium text-blue-700 hover:underline">
              <SafeText value={server.name} />
            </Link>
          </td>
          <td className="px-3 py-2 text-xs">
            <ul className="space-y-0.5">
              {state.reasons.map((r) => (
                <li key={r.kind}>
                  <SafeText value={r.text} />
                </li>
              ))}
            </ul>
          </td>
          <td className="px-3 py-2 text-xs whitespace-nowrap text-slate-600">{state.since ? <RelativeTime iso={state.since} /> : "–"}</td>
          <td className="px-3 py-2 text-xs whitespace-nowrap text-slate-600">{state.lastScan ? <RelativeTime iso={state.lastScan.scannedAt} /> : "never succeeded"}</td>
        </tr>
      ))}
    </DataTable>
  );
}
