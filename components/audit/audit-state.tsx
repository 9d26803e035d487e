"use client";

import { Callout } from "@/components/ui/callout";
import { Skeleton } from "@/components/ui/skeleton";
import { isApiError } from "@/lib/client/fetcher";

type Props = { error: unknown; loading: boolean; total: number | null; shown: number; filtered: boolean; limit: number };

/** Around the table: loading, an error with what to do, nothing recorded, or "showing N of M". */
export function AuditState({ error, loading, total, shown, filtered, limit }: Props) {
  if (error) {
    const denied = isApiError(error) && (error.code === "FORBIDDEN" || error.status === 404);
    return (
      <Callout tone="error" data-testid="audit-error" title={denied ? "The audit log is not available to you" : "The audit log could not be loaded"}>
        <p>{error instanceof Error ? error.message : "Try again."}</p>
        <p className="mt-1 text-red-900/80">{denied ? "Ask an admin or a support agent." : "Reload the page to try again."}</p>
      </Callout>
    );
  }
  if (loading || total === null) {
    return (
      <div className="space-y-2" aria-label="Loading the audit log">
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-9 w-full" />
      </div>
    );
  }
  if (shown === 0) {
    return (
      <p data-testid="audit-empty" className="rounded-md border border-dashed border-slate-300 bg-white px-3 py-6 text-center text-sm text-slate-500">
        {filtered ? "No events match these filters." : "Nothing recorded yet: actions on a zombie's parent (and refusals) appear here."}
      </p>
    );
  }
  return (
    <p className="text-xs text-slate-500">
      Showing {shown} of {total} loaded event{total === 1 ? "" : "s"}
      {total >= limit ? `; only the newest ${limit} are loaded, choose a larger number to see older ones` : ""}.
    </p>
  );
}
