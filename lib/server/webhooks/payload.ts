import "server-only";
import type { StoredServer } from "@/lib/server/db/servers";
import type { AlertState, WebhookEvent, WebhookPayload } from "@/lib/shared/alerts/types";

/** The body of an alert delivery: the server, its verdict (the alert state and the scan's triage line), the snapshot link. */
export function alertPayload(event: WebhookEvent, deliveryId: string, at: string, server: StoredServer, state: AlertState, snapshot: WebhookPayload["snapshot"]): WebhookPayload {
  return {
    event,
    deliveryId,
    at,
    server: { id: server.id, name: server.name, host: server.host, port: server.port, accountId: server.accountId },
    verdict: {
      risk: state.atRisk ? "at-risk" : "healthy",
      reasons: state.reasons,
      text: state.lastScan?.verdict ?? null,
      scanId: state.lastScan?.scanId ?? null,
      scannedAt: state.lastScan?.scannedAt ?? null,
      failuresInRow: state.failuresInRow,
      lastFailure: state.lastFailure,
    },
    snapshot,
  };
}

/** The body of "send test": no server, so a receiver can tell it from a real alert. */
export function testPayload(deliveryId: string, at: string): WebhookPayload {
  return { event: "test", deliveryId, at, server: null, verdict: null, snapshot: null };
}
