import type { ScanListItem } from "@/lib/shared/scan/types";

/** The contract's `Server`: secrets are write-only and never appear here. */
export type Server = {
  id: string;
  name: string;
  host: string;
  port: number;
  username: string;
  authType: "key" | "password";
  hostKeyFingerprint: string | null;
  accountId: string | null;
  useSudo: boolean;
  /** Another saved server Reaper connects through (a bastion), or null for a direct connection. */
  jumpServerId: string | null;
  /** Background scans every this many minutes; null: off (unless its account sets an interval). */
  scanIntervalMinutes: number | null;
  createdAt: string;
  lastScan: Pick<ScanListItem, "id" | "startedAt" | "summary"> | null;
};
