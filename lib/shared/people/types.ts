import type { User } from "@/lib/shared/auth/types";

/** A customer organisation; servers and customer logins belong to one. */
export type Account = {
  id: string;
  name: string;
  createdAt: string;
  /** Background scans of its servers that have no interval of their own, in minutes; null: off. */
  scanIntervalMinutes: number | null;
};

/** An account in the list: with how many servers and people it has. */
export type AccountListItem = Account & { servers: number; people: number };

/** A person as the people pages show them: the contract's `user` plus their state. */
export type Person = User & { disabled: boolean; createdAt: string };
