"use client";

import { CopyButton } from "@/components/ui/copy-button";

/** A secret Reaper shows this once (a new API token, a webhook's signing secret), with its copy button. */
export function SecretOnce({ value, testId, copyLabel }: { value: string; testId: string; copyLabel: string }) {
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2">
      <code data-testid={testId} className="min-w-0 rounded bg-white px-2 py-1 font-mono text-xs break-all text-slate-900">
        {value}
      </code>
      <CopyButton text={value} label={copyLabel} />
    </div>
  );
}
