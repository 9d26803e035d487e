import "server-only";
import type { Selectable } from "kysely";
import { getDb } from "@/lib/server/db/client";
import type { AlertStatesTable, AlertThresholdsTable } from "@/lib/server/db/schema";
import type { AlertReason, AlertState, ThresholdSet, Thresholds } from "@/lib/shared/alerts/types";

// Alert thresholds (scope "global" or an account id) and each server's judgment against them.
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

/** A server's judgment after its latest scan; the facts judged are its scan status (db/scan-status). */
export type AlertJudgment = Pick<AlertState, "serverId" | "atRisk" | "reasons" | "since" | "evaluatedAt">;

function toJudgment(r: Selectable<AlertStatesTable>): AlertJudgment {
  return { serverId: r.server_id, atRisk: r.at_risk === 1, reasons: JSON.parse(r.reasons) as AlertReason[], since: r.since, evaluatedAt: r.evaluated_at };
}

export async function findAlertJudgment(serverId: string): Promise<AlertJudgment | undefined> {
  const db = await getDb();
  const row = await db.selectFrom("alert_states").selectAll().where("server_id", "=", serverId).executeTakeFirst();
  return row && toJudgment(row);
}

/** The judgments of these servers (those never judged are absent). */
export async function listAlertJudgments(serverIds: readonly string[]): Promise<Map<string, AlertJudgment>> {
  const out = new Map<string, AlertJudgment>();
  if (serverIds.length === 0) return out;
  const db = await getDb();
  // SQLite allows at most 32,766 bound values per statement: ask in slices.
  for (let i = 0; i < serverIds.length; i += 5000) {
    const rows = await db.selectFrom("alert_states").selectAll().where("server_id", "in", serverIds.slice(i, i + 5000)).execute();
    for (const r of rows) out.set(r.server_id, toJudgment(r));
  }
  return out;
}

export async function saveAlertJudgment(j: AlertJudgment): Promise<void> {
  const db = await getDb();
  const values = { at_risk: j.atRisk ? 1 : 0, reasons: JSON.stringify(j.reasons), since: j.since, evaluated_at: j.evaluatedAt };
  await db
    .insertInto("alert_states")
    .values({ server_id: j.serverId, ...values })
    .onConflict((oc) => oc.column("server_id").doUpdateSet(values))
    .execute();
}
