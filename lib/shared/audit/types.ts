/**
 * done: it happened; refused: a rule or the server said no and nothing was sent; failed: it could not
 * be tried (nothing ran); unknown: the command reached the server but its answer was lost (connection
 * cut, timeout), so it may or may not have taken effect.
 */
export type AuditResult = "done" | "refused" | "failed" | "unknown";

/** The contract's audit event, plus `signal` and `reason` for actions (extensions). */
export type AuditEvent = {
  id: string;
  at: string;
  actor: { id: string; email: string };
  serverId: string | null;
  kind: string;
  action?: string;
  signal?: string;
  /** restart: the systemd unit that was (asked to be) restarted. */
  unit?: string;
  pid?: number;
  comm?: string;
  startTime?: number;
  reason?: string;
  /** kind "refusals": how many refused attempts this one event stands for (a rate-limited burst). */
  count?: number;
  result: AuditResult;
  code?: string;
  message: string;
};

/** What an action event keeps in the audit row's `detail` JSON. */
export type ActionDetail = {
  /** kind "refusals": the attempts counted into the burst. */
  count?: number;
  action?: string;
  signal?: string;
  unit?: string;
  pid?: number;
  startTime?: number;
  comm?: string;
  reason?: string;
  /** true only when this attempt sent a signal or ran the restart. */
  signalled?: boolean;
  /** The action id whose answer this attempt repeated (a double submission). */
  replayOf?: string;
  /** The server id asked for when the caller may not see it (the row's server_id stays null). */
  requestedServerId?: string;
  /** The full answer of a done action, so an identical request moments later can repeat it. */
  answer?: unknown;
};
