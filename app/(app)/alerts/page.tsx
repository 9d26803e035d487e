import type { Metadata } from "next";
import { requireUser } from "@/lib/server/auth/current-user";
import { listAlerts } from "@/lib/server/alerts/list-alerts";
import { getThresholdSettings } from "@/lib/server/alerts/thresholds";
import { listAccounts } from "@/lib/server/people/accounts";
import { listWebhooks } from "@/lib/server/webhooks/service";
import { may } from "@/lib/shared/actions/policy";
import { AlertsPageClient } from "./page-client";

export const metadata: Metadata = { title: "Alerts" };

/** Everyone sees their servers at risk; staff the thresholds; admins change them and manage webhooks. */
export default async function AlertsRoute() {
  const user = await requireUser();
  const staff = may(user.role, "accounts:read");
  const [alerts, thresholds, webhooks, accounts] = await Promise.all([
    listAlerts(user),
    staff ? getThresholdSettings(user) : null,
    may(user.role, "alerts:manage") ? listWebhooks(user) : null,
    staff ? listAccounts(user) : [],
  ]);
  return (
    <AlertsPageClient
      initialAlerts={alerts}
      thresholds={thresholds}
      webhooks={webhooks}
      accounts={accounts.map((a) => ({ id: a.id, name: a.name }))}
      canEdit={may(user.role, "alerts:manage")}
      serverPage={may(user.role, "servers:inspect") ? "servers" : "panel"}
    />
  );
}
