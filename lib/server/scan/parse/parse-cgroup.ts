// Reads /proc/PID/cgroup lines ("ID:CONTROLLERS:PATH") into the unit an agent would restart: a
// systemd service or scope, a container, or else the bare cgroup path.
import type { ProcessService } from "@/lib/shared/scan/types";

export type CgroupLine = { id: string; controllers: string; path: string };

export function parseCgroupLine(line: string): CgroupLine | null {
  const a = line.indexOf(":");
  const b = line.indexOf(":", a + 1);
  if (a < 1 || b < 0) return null;
  return { id: line.slice(0, a), controllers: line.slice(a + 1, b), path: line.slice(b + 1) };
}

const hasController = (line: CgroupLine, name: string) => line.controllers.split(",").includes(name);

/**
 * The path that says where systemd or a container runtime put the process: the v2 line, else
 * systemd's own v1 hierarchy, else the v1 pids controller; the first of them that is not the root.
 */
export function placementPath(lines: CgroupLine[]): string | null {
  if (lines.length === 0) return null;
  const candidates = [
    lines.find((l) => l.id === "0" && l.controllers === ""),
    lines.find((l) => l.controllers === "name=systemd"),
    lines.find((l) => hasController(l, "pids")),
  ].filter((l): l is CgroupLine => l !== undefined);
  return (candidates.find((l) => l.path !== "/") ?? candidates[0])?.path ?? "/";
}

// A container's cgroup holds its 64-hex id, bare (/docker/ID, /kubepods/.../ID) or wrapped by the
// systemd cgroup driver (docker-ID.scope, cri-containerd-ID.scope, crio-ID.scope, libpod-ID.scope).
const CONTAINER_ID = /^(?:docker-|cri-containerd-|crio-|libpod-)?([0-9a-f]{64})(?:\.scope)?$/;
const LXC = /^lxc\.payload\.(.+)$/;
const SHORT_ID = 12;

export function serviceOf(path: string): ProcessService {
  const parts = path.split("/").filter(Boolean);
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i] ?? "";
    const id = CONTAINER_ID.exec(part)?.[1];
    if (id) return { kind: "container", name: id.slice(0, SHORT_ID), cgroup: path };
    const lxc = LXC.exec(part)?.[1];
    if (lxc) return { kind: "container", name: lxc, cgroup: path };
  }
  // The deepest unit wins: user@1000.service/app.slice/foo.service is foo.service.
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i] ?? "";
    if (part.endsWith(".service") || part.endsWith(".scope")) return { kind: "systemd", name: part, cgroup: path };
  }
  return { kind: "cgroup", name: path, cgroup: path };
}
