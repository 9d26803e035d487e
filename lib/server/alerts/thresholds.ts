import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { requireRight } from "@/lib/server/auth/rights";
import { findAccount } from "@/lib/server/db/accounts";
import { deleteAccountThresholds, findThresholdsFor, listThresholdSets, saveThresholds } from "@/lib/server/db/alerts";
import { appendAudit } from "@/lib/server/db/audit";
import { nowIso } from "@/lib/server/db/ids";
import { DEFAULT_THRESHOLDS } from "@/lib/shared/alerts/defaults";
import type { ThresholdSet, ThresholdSettings, Thresholds } from "@/lib/shared/alerts/types";
import type { User } from "@/lib/shared/auth/types";

// One global set of thresholds (the defaults until an admin saves one) and, where an account needs
// other limits, that account's own whole set in its place.

/** What the alert settings page shows (staff read, admins change). */
export async function getThresholdSettings(viewer: User): Promise<ThresholdSettings> {
  requireRight(viewer, "accounts:read");
  const sets = await listThresholdSets();
  const global = sets.find((s) => s.accountId === null) ?? { accountId: null, thresholds: DEFAULT_THRESHOLDS, updatedAt: null };
  return { defaults: DEFAULT_THRESHOLDS, global, accounts: sets.filter((s) => s.accountId !== null) };
}

/** The thresholds a server of this account is judged by. */
export async function thresholdsFor(accountId: string | null): Promise<Thresholds> {
  return (await findThresholdsFor(accountId))?.thresholds ?? DEFAULT_THRESHOLDS;
}

/** thresholdsFor for many servers at once (the fleet page): every stored set read in one query. */
export async function thresholdsLookup(): Promise<(accountId: string | null) => Thresholds> {
  const sets = await listThresholdSets();
  const global = sets.find((s) => s.accountId === null)?.thresholds ?? DEFAULT_THRESHOLDS;
  const own = new Map(sets.flatMap((s) => (s.accountId === null ? [] : [[s.accountId, s.thresholds] as const])));
  return (accountId) => (accountId !== null && own.get(accountId)) || global;
}

/** `scope`: "global", or an account id. */
export async function setThresholds(viewer: User, scope: string, thresholds: Thresholds): Promise<ThresholdSet> {
  requireRight(viewer, "alerts:manage");
  const accountId = scope === "global" ? null : scope;
  if (accountId !== null && !(await findAccount(accountId))) {
    throw new AppError("NOT_FOUND", "No such account. Use \"global\" or an id from the account list.");
  }
  const at = nowIso();
  await saveThresholds(accountId, thresholds, at);
  await appendAudit({
    actor: viewer, serverId: null, kind: "alerts", detail: { action: "thresholds", accountId, ...thresholds }, result: "done",
    message: `set the alert thresholds of ${accountId === null ? "every server" : `account ${accountId}`}`,
  });
  return { accountId, thresholds, updatedAt: at };
}

/** The account goes back to the global thresholds. */
export async function clearAccountThresholds(viewer: User, accountId: string): Promise<void> {
  requireRight(viewer, "alerts:manage");
  if (!(await deleteAccountThresholds(accountId))) {
    throw new AppError("NOT_FOUND", "This account has no thresholds of its own: it uses the global ones already.");
  }
  await appendAudit({ actor: viewer, serverId: null, kind: "alerts", detail: { action: "thresholds-cleared", accountId }, result: "done", message: `account ${accountId} uses the global alert thresholds again` });
}
