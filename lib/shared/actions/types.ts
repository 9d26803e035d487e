// The shapes of a guarded action: what the caller asks, what the server reports, what we answer.

import { ACTION_KINDS } from "@/lib/shared/schemas/action-kinds";

export { ACTION_KINDS };
export type ActionKind = (typeof ACTION_KINDS)[number];

/** The one signal each action sends; the remote command takes its name only from this table. */
export const SIGNAL_OF = { reap: "CHLD", terminate: "TERM", kill: "KILL" } as const satisfies Record<ActionKind, string>;
export type SignalName = (typeof SIGNAL_OF)[ActionKind];

/** "SIGCHLD" for reap, and so on, as pages and answers write it. */
export const signalOf = (action: ActionKind): `SIG${SignalName}` => `SIG${SIGNAL_OF[action]}`;

export type { ActionRequest } from "@/lib/shared/schemas/action";

/** What the page should offer next: another signal, a restart of the service/container, asking
 * support (the caller's role may not send the stronger signal), or nothing (scan to confirm). */
export type NextStep = "terminate" | "kill" | "restart" | "support" | null;

/** The contract's `Action`, plus `signal`, `startTime`, `serverId`, `at`, `orphansLeft`, `next`, `settled`, `replayed`. */
export type Action = {
  id: string;
  serverId: string;
  at: string;
  action: ActionKind;
  signal: `SIG${SignalName}`;
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
};
