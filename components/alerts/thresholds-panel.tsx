"use client";

import { useState, type ReactNode } from "react";
import { ThresholdsForm } from "@/components/alerts/thresholds-form";
import { ThresholdsSummary } from "@/components/alerts/thresholds-summary";
import type { AccountName } from "@/components/fleet/fleet-filters";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { RelativeTime } from "@/components/ui/relative-time";
import { SafeText } from "@/components/ui/safe-text";
import { inputClass } from "@/components/ui/text-field";
import type { ThresholdSet } from "@/lib/shared/alerts/types";
import { isApiError } from "@/lib/client/fetcher";
import { clearThresholds, putThresholds, useThresholds, type ThresholdSettings } from "@/lib/client/use-alerts";

type Props = { initial: ThresholdSettings; accounts: AccountName[]; canEdit: boolean };

/** The global thresholds and each account's own set: admins change them, agents read them. */
export function ThresholdsPanel({ initial, accounts, canEdit }: Props) {
  const { settings = initial } = useThresholds(initial);
  const [adding, setAdding] = useState("");
  const [clearError, setClearError] = useState<string | null>(null);
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  const withoutOwn = accounts.filter((a) => !settings.accounts.some((s) => s.accountId === a.id));

  const clear = async (accountId: string) => {
    setClearError(null);
    try {
      await clearThresholds(accountId);
    } catch (e) {
      setClearError(isApiError(e) ? e.message : "That did not work. Try again.");
    }
  };

  const setBlock = (set: ThresholdSet, title: ReactNode, extra?: ReactNode) => (
    <div key={set.accountId ?? "global"} data-testid={`thresholds-${set.accountId ?? "global"}`} className="space-y-2 rounded-lg border border-slate-200 bg-white px-4 py-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-medium">{title}</h3>
        <span className="text-xs text-slate-500">{set.updatedAt ? <>saved <RelativeTime iso={set.updatedAt} /></> : "built-in defaults"}</span>
      </div>
      {canEdit ? (
        <ThresholdsForm id={`th-${set.accountId ?? "global"}`} thresholds={set.thresholds} onSave={async (t) => void (await putThresholds(set.accountId ?? "global", t))} />
      ) : (
        <ThresholdsSummary thresholds={set.thresholds} />
      )}
      {extra}
    </div>
  );

  return (
    <div className="space-y-3">
      {setBlock(settings.global, "Every server (unless its account has its own)")}
      {settings.accounts.map((set) =>
        setBlock(
          set,
          <>
            Account <SafeText value={names.get(set.accountId ?? "") ?? set.accountId ?? ""} />
          </>,
          canEdit ? (
            <Button size="sm" variant="ghost" onClick={() => void clear(set.accountId ?? "")}>
              Use the global thresholds again
            </Button>
          ) : null,
        ),
      )}
      {clearError ? <Callout tone="error">{clearError}</Callout> : null}
      {canEdit && withoutOwn.length > 0 ? (
        <div data-testid="thresholds-new" className="space-y-2 rounded-lg border border-dashed border-slate-300 px-4 py-3">
          <label htmlFor="thresholds-account" className="block text-xs font-medium text-slate-700">
            Give an account thresholds of its own (they replace the global set for its servers)
          </label>
          <select id="thresholds-account" value={adding} onChange={(e) => setAdding(e.target.value)} className={`${inputClass} w-64 py-1`}>
            <option value="">Choose an account…</option>
            {withoutOwn.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          {adding ? (
            <ThresholdsForm
              key={adding}
              id="th-new"
              thresholds={settings.global.thresholds}
              saveLabel="Save for this account"
              onSave={async (t) => {
                await putThresholds(adding, t);
                setAdding("");
              }}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
