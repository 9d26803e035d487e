// The shapes of a guarded action: what the caller asks, what the server reports, what we answer.

import { ACTION_KINDS, SIGNAL_ACTIONS } from "@/lib/shared/schemas/action-kinds";

export { ACTION_KINDS, SIGNAL_ACTIONS };
export type ActionKind = (typeof ACTION_KINDS)[number];
/** The actions that send a signal (all but restart). */
export type SignalAction = (typeof SIGNAL_ACTIONS)[number];

/** The one signal each signal action sends; the remote command takes its name only from this table. */
export const SIGNAL_OF = { reap: "CHLD", terminate: "TERM", kill: "KILL" } as const satisfies Record<SignalAction, string>;
export type SignalName = (typeof SIGNAL_OF)[SignalAction];

export const isSignalAction = (action: ActionKind): action is SignalAction => action !== "restart";

/** "SIGCHLD" for reap, and so on, as pages and answers write it. */
export const signalOf = (action: SignalAction): `SIG${SignalName}` => `SIG${SIGNAL_OF[action]}`;

/** What an action does, in the few words pages and the audit log show: "SIGTERM", "systemctl restart". */
export const actionMeans = (action: ActionKind): string => (isSignalAction(action) ? signalOf(action) : "systemctl restart");

export type { ActionRequest } from "@/lib/shared/schemas/action";

/** What the page should offer next: another signal, a restart of the service/container, asking
 * support (the caller's role may not send the stronger signal), or nothing (scan to confirm). */
export type NextStep = "terminate" | "kill" | "restart" | "support" | null;

/** A restarted unit as the outcome watch last saw it (restart only). */
export type UnitState = {
  name: string;
  /** systemd's ActiveState: active, failed, inactive, activating, ... */
  activeState: string;
  /** The unit's main PID after the restart; null when systemd reports none (0). */
  mainPid: number | null;
};

/** The contract's `Action`, plus `signal`, `startTime`, `serverId`, `at`, `orphansLeft`, `next`, `settled`, `replayed`, `unit`, `auditPending`. */
export type Action = {
  id: string;
  serverId: string;
  at: string;
  action: ActionKind;
  /** null for restart, which sends no signal itself. */
  signal: `SIG${SignalName}` | null;
  pid: number;
  startTime: number;
  comm: string;
  status: "done";
  message: string;
  before: { zombies: number };
  after: { zombies: number; parentAlive: boolean };
  /** Former zombies of this parent still zombies under PID 1 once it ended (a non-reaping init). */
  orphansLeft: number;
  next: NextStep;
  /** false when the outcome could not be watched to the end (the numbers are the last ones seen). */
  settled: boolean;
  /** true when this answer repeats an identical action that had just finished: no second signal was sent. */
  replayed: boolean;
  /** restart only: the unit after the restart. */
  unit?: UnitState;
  /** true when the action happened but its audit event could not be written yet: it waits in the outbox and is retried. */
  auditPending?: true;
};
