"use client";

import { CopyButton } from "@/components/ui/copy-button";
import { SafeText } from "@/components/ui/safe-text";
import { describeService, knownService, liveChildren, restartAdvice, restartCommand } from "@/components/actions/breakage";
import { plural } from "@/lib/shared/format/numbers";
import type { Parent, Process } from "@/lib/shared/scan/types";

type Props = { parent: Parent; processes: Process[]; webMaster: boolean };

/** Before terminate or kill: what ending the parent breaks, read from the scan. */
export function WhatItBreaks({ parent, processes, webMaster }: Props) {
  const children = liveChildren(parent, processes);
  const service = knownService(parent);
  const command = restartCommand(service);
  return (
    <section aria-labelledby="breaks-title" className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
      <h3 id="breaks-title" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        What ending it breaks (from the scan)
      </h3>
      <ul className="mt-1 list-disc space-y-1 pl-4 text-sm text-slate-800">
        <li data-testid="breaks-children">
          {children.count === 0 ? (
            "No live children: no other process in the scan runs under it."
          ) : (
            <>
              {plural(children.count, "live child", "live children")} {children.count === 1 ? "loses its" : "lose their"} parent:{" "}
              {children.names.map((n, i) => (
                <span key={n.comm}>
                  {i > 0 ? ", " : null}
                  <span className="font-mono">
                    <SafeText value={n.comm} />
                  </span>
                  {n.count > 1 ? ` ×${n.count}` : null}
                </span>
              ))}
              {children.moreNames > 0 ? ` and ${plural(children.moreNames, "other name")}` : null}.
            </>
          )}
        </li>
        <li data-testid="breaks-service">
          {service ? (
            <>
              It runs in <SafeText value={describeService(service)} />.
            </>
          ) : (
            "Its service is not known from this scan."
          )}
        </li>
        {webMaster ? (
          <li data-testid="breaks-web" className="font-medium text-red-800">
            It looks like the master process of a web server: the sites it serves go down until it is restarted.
          </li>
        ) : null}
      </ul>
      {webMaster || (service && service.kind !== "cgroup") ? (
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span>{restartAdvice(parent)}</span>
          {command ? <CopyButton text={command} label="Copy command" /> : null}
        </div>
      ) : null}
    </section>
  );
}
