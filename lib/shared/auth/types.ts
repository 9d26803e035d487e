export type Role = "admin" | "agent" | "customer";

/** The contract's `user`. */
export type User = { id: string; email: string; role: Role; accountId: string | null };
