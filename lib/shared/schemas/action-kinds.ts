/** The three guarded signals, mildest first. */
export const SIGNAL_ACTIONS = ["reap", "terminate", "kill"] as const;

/** What a request may ask for: a signal, or restarting the systemd service the parent belongs to. */
export const ACTION_KINDS = [...SIGNAL_ACTIONS, "restart"] as const;
