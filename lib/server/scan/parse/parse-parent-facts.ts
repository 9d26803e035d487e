// Reads one "@@reaper:parent PID" section of the parents step: the SIGCHLD masks and UID from
// /proc/PID/status ("SigCgt: 0000000000010000"), the cgroup lines prefixed "cg ", and "pids HIER UP
// CURRENT MAX" for the leaf cgroup and each limited level above it (UP levels above the leaf).
import { parseCgroupLine, placementPath, serviceOf, type CgroupLine } from "@/lib/server/scan/parse/parse-cgroup";
import { sigchldDisposition } from "@/lib/server/scan/parse/sigchld";
import type { CgroupPids, ProcessService, SigchldDisposition } from "@/lib/shared/scan/types";

export type ParentFacts = {
  uid: number | null;
  sigchld: SigchldDisposition | null;
  service: ProcessService | null;
  cgroupPids: CgroupPids | null;
};

type PidsLevel = { hierarchy: "v1" | "v2"; up: number; current: number; max: number | null };

function pidsLevel(line: string): PidsLevel | null {
  const [, hierarchy, up, current, max] = line.split(" ");
  if ((hierarchy !== "v1" && hierarchy !== "v2") || !/^\d+$/.test(up ?? "") || !/^\d+$/.test(current ?? "")) return null;
  if (max !== "max" && !/^\d+$/.test(max ?? "")) return null;
  return { hierarchy, up: Number(up), current: Number(current), max: max === "max" ? null : Number(max) };
}

const ancestor = (path: string, up: number) => {
  const parts = path.split("/").filter(Boolean);
  return `/${parts.slice(0, Math.max(0, parts.length - up)).join("/")}`;
};

/** The level with the least headroom; the leaf when no level has a limit. v2 wins over v1. */
function cgroupPidsOf(levels: PidsLevel[], lines: CgroupLine[]): CgroupPids | null {
  const v2 = levels.filter((l) => l.hierarchy === "v2");
  const chosen = v2.length > 0 ? v2 : levels;
  const hierarchyLine = chosen === v2 ? lines.find((l) => l.id === "0" && l.controllers === "") : lines.find((l) => l.controllers.split(",").includes("pids"));
  if (!hierarchyLine) return null;
  let best: PidsLevel | undefined;
  for (const level of chosen) {
    if (level.max === null) continue;
    if (!best || best.max === null || level.max - level.current < best.max - best.current) best = level;
  }
  best ??= chosen.find((l) => l.up === 0);
  return best ? { cgroup: ancestor(hierarchyLine.path, best.up), current: best.current, max: best.max } : null;
}

export function parseParentFacts(body: string): ParentFacts {
  const status = new Map<string, string>();
  const lines: CgroupLine[] = [];
  const levels: PidsLevel[] = [];
  for (const line of body.split("\n")) {
    if (line.startsWith("cg ")) {
      const parsed = parseCgroupLine(line.slice(3));
      if (parsed) lines.push(parsed);
    } else if (line.startsWith("pids ")) {
      const level = pidsLevel(line);
      if (level) levels.push(level);
    } else {
      const space = line.indexOf(" ");
      if (space > 0) status.set(line.slice(0, space), line.slice(space + 1).trim());
    }
  }
  const uid = (status.get("Uid:") ?? "").split(/\s+/, 1)[0] ?? "";
  const [sigIgn, sigBlk, sigCgt] = [status.get("SigIgn:"), status.get("SigBlk:"), status.get("SigCgt:")];
  const path = placementPath(lines);
  return {
    uid: /^\d+$/.test(uid) ? Number(uid) : null,
    sigchld: sigIgn !== undefined && sigBlk !== undefined && sigCgt !== undefined ? sigchldDisposition({ sigIgn, sigBlk, sigCgt }) : null,
    service: path === null ? null : serviceOf(path),
    cgroupPids: cgroupPidsOf(levels, lines),
  };
}
