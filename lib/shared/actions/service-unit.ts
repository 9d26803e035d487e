/** One process of a unit, as the server listed it. */
export type UnitProcessInfo = { pid: number; ppid: number; state: string; comm: string };

/**
 * The answer of GET /api/servers/:id/unit: which systemd service owns a process (read from its
 * cgroup on the server, not taken from the caller), systemd's view of it, and what restarting it
 * stops. What the restart dialog shows under "what it breaks".
 */
export type ServiceUnit = {
  pid: number;
  startTime: number;
  comm: string | null;
  /** The service (`php-fpm.service`); null when the process is in no service. */
  unit: string | null;
  /** Whether Reaper can restart it: a system service on a server where systemd runs. */
  restartable: boolean;
  /** Why not, in words; null when restartable. */
  reason: string | null;
  description: string | null;
  activeState: string | null;
  subState: string | null;
  mainPid: number | null;
  /** The unit's processes (the first 100 by PID); `processCount` counts all of them. */
  processes: UnitProcessInfo[];
  processCount: number;
};
