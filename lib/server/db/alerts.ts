import "server-only";
import type { Selectable } from "kysely";
import { getDb } from "@/lib/server/db/client";
import type { AlertStatesTable, AlertThresholdsTable } from "@/lib/server/db/schema";
import type { AlertReason, AlertState, ScanFacts, ScanFailure, ThresholdSet, Thresholds } from "@/lib/shared/alerts/types";

// Alert thresholds (scope "global" or an account id) and each server's alert state.
const GLOBAL = "global";

function toSet(r: Selectable<AlertThresholdsTable>): ThresholdSet {
  return {
    accountId: r.account_id,
    thresholds: {
      zombiesAbove: r.zombies_above,
      pidUsePercentAbove: r.pid_use_percent_above,
      zombieAgeMinutesAbove: r.zombie_age_minutes_above,
      failedScansInRow: r.failed_scans_in_row,
    },
    updatedAt: r.updated_at,
  };
}

/** Every stored set: the global one (if an admin saved it) and the accounts' own. */
export async function listThresholdSets(): Promise<ThresholdSet[]> {
  const db = await getDb();
  return (await db.selectFrom("alert_thresholds").selectAll().orderBy("scope").execute()).map(toSet);
}

/** The account's own set if it has one, else the global set if saved; undefined when neither is. */
export async function findThresholdsFor(accountId: string | null): Promise<ThresholdSet | undefined> {
  const db = await getDb();
  const rows = await db
    .selectFrom("alert_thresholds")
    .selectAll()
    .where("scope", "in", accountId ? [GLOBAL, accountId] : [GLOBAL])
    .execute();
  const own = rows.find((r) => r.scope !== GLOBAL) ?? rows.find((r) => r.scope === GLOBAL);
  return own && toSet(own);
}

export async function saveThresholds(accountId: string | null, t: Thresholds, at: string): Promise<void> {
  const db = await getDb();
  const values = {
    zombies_above: t.zombiesAbove,
    pid_use_percent_above: t.pidUsePercentAbove,
    zombie_age_minutes_above: t.zombieAgeMinutesAbove,
    failed_scans_in_row: t.failedScansInRow,
    updated_at: at,
  };
  await db
    .insertInto("alert_thresholds")
    .values({ scope: accountId ?? GLOBAL, account_id: accountId, ...values })
    .onConflict((oc) => oc.column("scope").doUpdateSet(values))
    .execute();
}

/** true when the account had its own set. */
export async function deleteAccountThresholds(accountId: string): Promise<boolean> {
  const db = await getDb();
  const r = await db.deleteFrom("alert_thresholds").where("scope", "=", accountId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

function toState(r: Selectable<AlertStatesTable>): AlertState {
  return {
    serverId: r.server_id,
    atRisk: r.at_risk === 1,
    reasons: JSON.parse(r.reasons) as AlertReason[],
    since: r.since,
    failuresInRow: r.failures_in_row,
    lastFailure: r.last_failure === null ? null : (JSON.parse(r.last_failure) as ScanFailure),
    lastScan: r.last_scan === null ? null : (JSON.parse(r.last_scan) as ScanFacts),
    evaluatedAt: r.evaluated_at,
  };
}

export async function findAlertState(serverId: string): Promise<AlertState | undefined> {
  const db = await getDb();
  const row = await db.selectFrom("alert_states").selectAll().where("server_id", "=", serverId).executeTakeFirst();
  return row && toState(row);
}

/** The states of these servers (those never evaluated are absent). */
export async function listAlertStates(serverIds: readonly string[]): Promise<Map<string, AlertState>> {
  const out = new Map<string, AlertState>();
  if (serverIds.length === 0) return out;
  const db = await getDb();
  // SQLite allows at most 32,766 bound values per statement: ask in slices.
  for (let i = 0; i < serverIds.length; i += 5000) {
    const rows = await db.selectFrom("alert_states").selectAll().where("server_id", "in", serverIds.slice(i, i + 5000)).execute();
    for (const r of rows) out.set(r.server_id, toState(r));
  }
  return out;
}

export async function saveAlertState(s: AlertState): Promise<void> {
  const db = await getDb();
  const values = {
    at_risk: s.atRisk ? 1 : 0,
    reasons: JSON.stringify(s.reasons),
    since: s.since,
    failures_in_row: s.failuresInRow,
    last_failure: s.lastFailure && JSON.stringify(s.lastFailure),
    last_scan: s.lastScan && JSON.stringify(s.lastScan),
    evaluated_at: s.evaluatedAt,
  };
  await db
    .insertInto("alert_states")
    .values({ server_id: s.serverId, ...values })
    .onConflict((oc) => oc.column("server_id").doUpdateSet(values))
    .execute();
}
