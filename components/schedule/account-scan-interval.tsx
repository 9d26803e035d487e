"use client";

import { ScanIntervalPicker } from "@/components/schedule/scan-interval-picker";
import type { Account } from "@/lib/shared/people/types";
import { setAccountScanInterval } from "@/lib/client/use-accounts";

/** Background scans for all of an account's servers that have no interval of their own. */
export function AccountScanInterval({ account, canEdit }: { account: Account; canEdit: boolean }) {
  return (
    <section data-testid="account-interval" className="max-w-lg space-y-2">
      <h2 className="text-sm font-semibold">Background scans</h2>
      <p className="text-xs text-slate-500">For every server of this account without an interval of its own (set one on the server&apos;s page).</p>
      <ScanIntervalPicker
        id="account-interval"
        value={account.scanIntervalMinutes}
        offLabel="Off"
        canEdit={canEdit}
        onSave={async (minutes) => void (await setAccountScanInterval(account.id, minutes))}
      />
    </section>
  );
}
