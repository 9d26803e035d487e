import { formatCount } from "@/lib/shared/format/numbers";

/** The good outcome: no zombies on the server. */
export function ScanHealthy({ processes }: { processes: number }) {
  return (
    <div data-testid="healthy" role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-5 text-center">
      <p className="text-base font-semibold text-emerald-900">No zombies: this server is healthy.</p>
      <p className="mt-1 text-sm text-emerald-800">{formatCount(processes)} processes checked.</p>
    </div>
  );
}
