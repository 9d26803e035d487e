"use client";

import { deliveryOutcome, deliveryStanding, eventWord, nextAttemptWords, type DeliveryStanding } from "@/components/alerts/delivery-words";
import { DataTable } from "@/components/ui/data-table";
import { RelativeTime } from "@/components/ui/relative-time";
import { SafeText } from "@/components/ui/safe-text";
import { isApiError } from "@/lib/client/fetcher";
import { useDeliveries } from "@/lib/client/use-webhooks";

const TONE: Record<DeliveryStanding["tone"], string> = { ok: "bg-emerald-100 text-emerald-800", waiting: "bg-amber-100 text-amber-900", failed: "bg-red-100 text-red-800" };

/** One webhook's deliveries, newest first: what was sent when, what came back, what happens next. */
export function DeliveryLog({ webhookId }: { webhookId: string }) {
  const { deliveries, error } = useDeliveries(webhookId);
  if (error) return <p className="text-xs text-red-700">{isApiError(error) ? error.message : "The delivery log could not be loaded."}</p>;
  if (!deliveries) return <p className="text-xs text-slate-500">Loading the delivery log…</p>;
  if (deliveries.length === 0) return <p data-testid="deliveries-empty" className="text-xs text-slate-500">Nothing sent yet. Send a test to check the receiver.</p>;
  return (
    <DataTable headings={["Time", "Event", "Result", "Attempts", "Next retry", "State"]}>
      {deliveries.map((d) => {
        const standing = deliveryStanding(d);
        return (
          <tr key={d.id} data-testid="delivery-row" className="border-t border-slate-200 align-top text-xs">
            <td className="px-3 py-1.5 whitespace-nowrap text-slate-600">
              <RelativeTime iso={d.at} />
            </td>
            <td className="px-3 py-1.5">{eventWord(d.event)}</td>
            <td data-testid="delivery-outcome" className="max-w-md px-3 py-1.5 break-words">
              <SafeText value={deliveryOutcome(d)} />
            </td>
            <td className="px-3 py-1.5 tabular-nums">{d.attempts}</td>
            <td className="px-3 py-1.5 whitespace-nowrap text-slate-600">{d.nextAttemptAt && d.status === "pending" ? <time dateTime={d.nextAttemptAt}>{nextAttemptWords(d.nextAttemptAt)}</time> : "–"}</td>
            <td className="px-3 py-1.5">
              <span data-testid="delivery-state" className={`rounded px-1.5 py-0.5 font-medium ${TONE[standing.tone]}`}>
                {standing.label}
              </span>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
