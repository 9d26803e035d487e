// Figures in plain words, the same way on every gauge.
import type { ProcessService } from "@/lib/shared/scan/types";

export const percent = (ratio: number): string => `${Math.round(ratio * 100)}%`;

export const who = (comm: string, pid: number): string => `${comm} (${pid})`;

/** "45 s", "12 min", "3 h 12 min", "2 d 4 h": precise enough to tell a leak's age. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

export function serviceText(service: ProcessService | null): string | null {
  if (!service) return null;
  if (service.kind === "systemd") return `${service.name} (systemd)`;
  if (service.kind === "container") return `container ${service.name}`;
  return `cgroup ${service.name}`;
}
