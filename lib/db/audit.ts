import "server-only";
import { getDb } from "@/lib/db/client";
import { newId, nowIso } from "@/lib/db/ids";

export type AuditInput = {
  actor: { id: string; email: string };
  serverId: string | null;
  kind: string;
  detail: Record<string, unknown>;
  result: "done" | "refused" | "failed";
  code?: string;
  message: string;
};

/** Append-only: this module has no update or delete, and neither does any route. */
export async function appendAudit(input: AuditInput): Promise<void> {
  const db = await getDb();
  await db
    .insertInto("audit_events")
    .values({
      id: newId("evt"),
      at: nowIso(),
      actor_id: input.actor.id,
      actor_email: input.actor.email,
      server_id: input.serverId,
      kind: input.kind,
      detail: JSON.stringify(input.detail),
      result: input.result,
      code: input.code ?? null,
      message: input.message,
    })
    .execute();
}
