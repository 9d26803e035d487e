"use client";

import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { SafeText } from "@/components/ui/safe-text";
import { Spinner } from "@/components/ui/spinner";
import { plural } from "@/lib/shared/format/numbers";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";

type Props = { server: Server; scan: Scan | undefined; running: boolean; onCheck: () => void };

/** The top of the panel: the question, its answer from the last check, and Check now. */
export function HealthCheck({ server, scan, running, onCheck }: Props) {
  const zombies = scan?.summary.zombies ?? null;
  const answer =
    zombies === null ? { tone: "border-slate-200 bg-white", icon: "?", title: "Not checked yet", text: "Press Check now: Reaper looks at the programs running on your server. Nothing is changed." }
    : zombies === 0 ? { tone: "border-emerald-300 bg-emerald-50", icon: "✓", title: "Yes, it looks healthy", text: "No zombie processes were found at the last check." }
    : { tone: "border-amber-300 bg-amber-50", icon: "!", title: "It needs attention", text: `${plural(zombies, "zombie process", "zombie processes")} found at the last check.` };
  return (
    <section data-testid="panel-health" aria-labelledby="panel-question" className={`rounded-lg border px-4 py-4 ${answer.tone}`}>
      <p className="text-xs text-slate-600">
        <SafeText value={server.name} />
      </p>
      <h1 id="panel-question" className="text-xl font-semibold tracking-tight text-slate-900">
        Is my server healthy?
      </h1>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 items-start gap-3">
          <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-white text-base font-bold text-slate-800 shadow-xs">
            {answer.icon}
          </span>
          <div className="min-w-0">
            <p data-testid="panel-answer" className="font-semibold text-slate-900">
              {answer.title}
            </p>
            <p className="text-sm text-slate-700">{answer.text}</p>
          </div>
        </div>
        <Button data-testid="check-now" variant="primary" size="lg" onClick={onCheck} disabled={running} aria-busy={running}>
          {running ? <Spinner className="size-4" /> : null}
          {running ? "Checking…" : "Check now"}
        </Button>
      </div>
      <p data-testid="last-check" className="mt-3 text-xs text-slate-600">
        {scan ? (
          <>
            Last checked <RelativeTime iso={scan.startedAt} />.
          </>
        ) : (
          "Never checked."
        )}
      </p>
    </section>
  );
}
