// Where each figure comes from: the scan step and what it read there.
import type { FigureSource } from "@/lib/shared/triage/types";

export const SOURCES = {
  pidMax: { step: "sys", read: "/proc/sys/kernel/pid_max" },
  threadsMax: { step: "sys", read: "/proc/sys/kernel/threads-max" },
  loadavg: { step: "sys", read: "/proc/loadavg" },
  cpus: { step: "sys", read: "/sys/devices/system/cpu/online" },
  uptime: { step: "sys", read: "/proc/uptime" },
  stat: { step: "stat", read: "/proc/PID/stat: state, parent, start time, threads" },
  ps: { step: "ps", read: "ps: user, %CPU, RSS" },
  status: { step: "parents", read: "/proc/PID/status: SigIgn, SigBlk, SigCgt, Uid" },
  cgroup: { step: "parents", read: "/proc/PID/cgroup" },
  cgroupPids: { step: "parents", read: "pids.current and pids.max of the cgroup and its parents" },
  limits: { step: "limits", read: "/proc/PID/limits: Max processes (soft)" },
} as const satisfies Record<string, FigureSource>;
