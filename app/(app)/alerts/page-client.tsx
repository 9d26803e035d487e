"use client";

import { AtRiskList } from "@/components/alerts/at-risk-list";
import { ThresholdsPanel } from "@/components/alerts/thresholds-panel";
import { WebhooksPanel } from "@/components/alerts/webhooks-panel";
import type { AccountName } from "@/components/fleet/fleet-filters";
import type { ServerAlert, ThresholdSettings, Webhook } from "@/lib/shared/alerts/types";
import { useAlerts } from "@/lib/client/use-alerts";

type Props = {
  initialAlerts: ServerAlert[];
  /** null: the viewer may not read them (customers). */
  thresholds: ThresholdSettings | null;
  /** null: the viewer may not manage webhooks (everyone but admins). */
  webhooks: Webhook[] | null;
  accounts: AccountName[];
  canEdit: boolean;
  serverPage: "servers" | "panel";
};

/** What is at risk now, what counts as at risk, and who is told. */
export function AlertsPageClient({ initialAlerts, thresholds, webhooks, accounts, canEdit, serverPage }: Props) {
  const { alerts = initialAlerts } = useAlerts(initialAlerts);
  return (
    <div className="max-w-5xl space-y-6">
      <div>
        <h1 className="text-lg font-semibold tracking-tight">Alerts</h1>
        <p className="text-xs text-slate-500">A server is at risk when its latest scan crosses a threshold. Background scans and Scan all keep this current.</p>
      </div>
      <section className="space-y-2" aria-labelledby="at-risk">
        <h2 id="at-risk" className="text-sm font-semibold">
          At risk now
        </h2>
        <AtRiskList alerts={alerts} serverPage={serverPage} />
      </section>
      {thresholds ? (
        <section className="space-y-2" aria-labelledby="thresholds">
          <h2 id="thresholds" className="text-sm font-semibold">
            Thresholds
          </h2>
          {canEdit ? null : <p className="text-xs text-slate-500">An admin changes these.</p>}
          <ThresholdsPanel initial={thresholds} accounts={accounts} canEdit={canEdit} />
        </section>
      ) : null}
      {webhooks ? (
        <section className="space-y-2" aria-labelledby="webhooks">
          <h2 id="webhooks" className="text-sm font-semibold">
            Webhooks
          </h2>
          <WebhooksPanel initial={webhooks} accounts={accounts} />
        </section>
      ) : null}
    </div>
  );
}
