export const ROLES = ["admin", "agent", "customer"] as const;
export type Role = (typeof ROLES)[number];

/** The contract's `user`. */
export type User = { id: string; email: string; role: Role; accountId: string | null };

/** One of the caller's logged-in sessions ("Where you're logged in"). */
export type SessionInfo = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** The browser's User-Agent at login, cut to 200 characters. */
  userAgent: string;
  /** The client address at login. */
  address: string;
  /** The session this request came with. */
  current: boolean;
};

/** An API token as listed: never its secret. */
export type TokenInfo = { id: string; name: string; createdAt: string; lastUsedAt: string | null };

/** The answer to creating a token: the only time `token` is shown. */
export type NewToken = { id: string; name: string; token: string; createdAt: string };
