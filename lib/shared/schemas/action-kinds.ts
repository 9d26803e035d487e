/** The three guarded actions, mildest first: what a request may ask for. */
export const ACTION_KINDS = ["reap", "terminate", "kill"] as const;
