import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { SafeText } from "@/components/ui/safe-text";
import { plural } from "@/lib/shared/format/numbers";
import type { Server } from "@/lib/shared/servers/types";

function health(server: Server): { text: string; tone: string } {
  const last = server.lastScan;
  if (!last) return { text: "Not checked yet", tone: "text-slate-600" };
  if (last.summary.zombies === 0) return { text: "Healthy at the last check", tone: "text-emerald-800" };
  return { text: `Needs attention: ${plural(last.summary.zombies, "zombie process", "zombie processes")}`, tone: "text-amber-800" };
}

/** A customer's servers, when there is more than one (with one, the panel opens directly). */
export function MyServers({ servers }: { servers: Server[] }) {
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Your servers</h1>
        <p className="text-sm text-slate-600">Open one to check it, and to clear zombie processes if it has any.</p>
      </div>
      {servers.length === 0 ? (
        <p data-testid="no-servers" className="rounded-lg border border-slate-200 bg-white px-4 py-6 text-center text-slate-700">
          No servers yet. Your hosting provider adds them here.
        </p>
      ) : (
        <ul className="space-y-2">
          {servers.map((s) => {
            const h = health(s);
            return (
              <li key={s.id}>
                <Link href={`/panel/${s.id}`} data-testid="my-server" className="block rounded-lg border border-slate-200 bg-white px-4 py-3 hover:border-slate-400">
                  <span className="block font-medium break-words text-slate-900">
                    <SafeText value={s.name} />
                  </span>
                  <span className={`block text-sm ${h.tone}`}>{h.text}</span>
                  {s.lastScan ? (
                    <span className="block text-xs text-slate-500">
                      Last checked <RelativeTime iso={s.lastScan.startedAt} />
                    </span>
                  ) : null}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
