// What ending a zombie's parent would break, read from the scan: its live children, its service
// (when the scanner found one), and what to restart instead.
import { parseRestartableUnit } from "@/lib/shared/actions/unit-name";
import type { Parent, Process, ProcessService } from "@/lib/shared/scan/types";

export type LiveChildren = {
  count: number;
  /** Distinct names with how many of each, most first: at most `max` of them. */
  names: { comm: string; count: number }[];
  moreNames: number;
};

export function liveChildren(parent: Parent, processes: Process[], max = 4): LiveChildren {
  const byName = new Map<string, number>();
  let count = 0;
  for (const p of processes) {
    if (p.ppid !== parent.pid || p.pid === parent.pid || p.state.startsWith("Z")) continue;
    count += 1;
    byName.set(p.comm, (byName.get(p.comm) ?? 0) + 1);
  }
  const all = [...byName.entries()].map(([comm, n]) => ({ comm, count: n })).sort((a, b) => b.count - a.count || a.comm.localeCompare(b.comm));
  return { count, names: all.slice(0, max), moreNames: Math.max(0, all.length - max) };
}

/** The parent's service, unless it is only the root cgroup (which says nothing about what to restart). */
export function knownService(parent: Parent): ProcessService | null {
  const s = parent.service;
  if (!s) return null;
  if (s.kind === "cgroup" && (s.cgroup === "/" || s.cgroup === "") && (s.name === "/" || s.name === "")) return null;
  return s;
}

/** "the systemd unit httpd.service", "the container web-1", "the cgroup /foo". */
export function describeService(service: ProcessService): string {
  if (service.kind === "systemd") return `the systemd unit ${service.name}`;
  if (service.kind === "container") return `the container ${service.name}`;
  return `the cgroup ${service.cgroup || service.name}`;
}

/** The command to restart the service instead of signalling, when the scan knows the unit. */
export function restartCommand(service: ProcessService | null | undefined): string | null {
  if (service?.kind === "systemd" && service.name) return `systemctl restart ${service.name}`;
  return null;
}

/** The systemd service Reaper can offer to restart for this parent: a `.service` (not a scope), by the scan. */
export function restartableUnit(parent: Parent): string | null {
  const s = knownService(parent);
  return s?.kind === "systemd" && parseRestartableUnit(s.name).ok ? s.name : null;
}

/** The command that restarts a container, run on the host that runs it: "docker restart 3f2a9c1b7d4e". */
export function containerRestartCommand(service: ProcessService): string | null {
  if (service.kind !== "container") return null;
  const path = service.cgroup;
  if (/lxc\.payload\./.test(path)) return `lxc restart ${service.name}`;
  if (/libpod/.test(path)) return `podman restart ${service.name}`;
  // Under Kubernetes the kubelet starts a stopped container again.
  if (/kubepods|cri-containerd|crio/.test(path)) return `crictl stop ${service.name}`;
  return `docker restart ${service.name}`;
}

/** Plain advice for what to restart instead of sending a signal. */
export function restartAdvice(parent: Parent): string {
  const service = knownService(parent);
  const command = restartCommand(service);
  if (command) return `Prefer restarting the service: ${command}`;
  if (service?.kind === "container") return `Prefer restarting the container ${service.name}.`;
  if (service) return `Prefer restarting whatever runs ${describeService(service)}.`;
  return "Prefer restarting its service the way this server does it (for example systemctl restart with its unit name).";
}
