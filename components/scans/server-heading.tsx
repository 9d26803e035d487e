import Link from "next/link";
import type { ReactNode } from "react";
import { ServerAddress } from "@/components/servers/server-address";
import { Fingerprint } from "@/components/ui/fingerprint";
import type { Server } from "@/lib/shared/servers/types";

/** The top of a server page: its name, address, how Reaper logs in, the pinned key; `actions` at the right. */
export function ServerHeading({ server, actions }: { server: Server; actions: ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <nav aria-label="Breadcrumb" className="text-xs text-slate-500">
        <Link href="/" className="rounded hover:text-slate-900 hover:underline">
          Servers
        </Link>{" "}
        <span aria-hidden="true">›</span> <span className="text-slate-700">{server.name}</span>
      </nav>
      <div className="mt-1 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-1">
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">{server.name}</h1>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600">
            <ServerAddress server={server} />
            <span>
              auth: <span className="text-slate-800">{server.authType === "key" ? "SSH key" : "password"}</span>
            </span>
            {server.useSudo ? <span className="rounded bg-slate-100 px-1.5 py-px text-slate-700">uses sudo</span> : null}
            {server.jumpServerId ? (
              <Link href={`/servers/${server.jumpServerId}`} data-testid="via-jump-host" className="rounded bg-slate-100 px-1.5 py-px text-slate-700 hover:underline">
                through a jump host
              </Link>
            ) : null}
          </div>
          <div className="flex items-baseline gap-2 text-xs">
            <span className="text-slate-500">Host key</span>
            <Fingerprint value={server.hostKeyFingerprint} />
          </div>
        </div>
        {actions}
      </div>
    </div>
  );
}
