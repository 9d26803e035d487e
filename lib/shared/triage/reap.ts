// Reap prediction for each zombie parent: from its SIGCHLD disposition, whether sending it SIGCHLD
// can make it collect its zombies, or whether the parent must end (then PID 1 adopts and reaps them).
import type { Parent } from "@/lib/shared/scan/types";
import { SOURCES } from "@/lib/shared/triage/sources";
import type { ParentDiagnosis, ReapPrediction } from "@/lib/shared/triage/types";
import { serviceText } from "@/lib/shared/triage/words";
import { lastingFixFor } from "@/lib/shared/triage/lasting-fixes";

function prediction(p: Parent): { reap: ReapPrediction; text: string } {
  const name = p.comm;
  switch (p.sigchld) {
    // A handler makes reaping plausible, never certain: it may not call wait() for every child.
    case "caught":
      return { reap: "likely", text: `${name} catches SIGCHLD: reaping is likely to work (its handler decides, so not certain)` };
    case "blocked":
      return { reap: "unlikely", text: `${name} blocks SIGCHLD: a reap signal waits until it unblocks it, so reaping is unlikely to work now` };
    // The kernel reaps children that end while SIGCHLD is ignored; these ended before, and stay.
    case "ignored":
      return { reap: "cannot", text: `${name} ignores SIGCHLD: a reap signal is discarded, so reaping cannot work; the parent must end` };
    case "default":
      return { reap: "cannot", text: `${name} leaves SIGCHLD at default: reaping cannot work; the parent must end` };
    default:
      return { reap: "unknown", text: `${name}'s SIGCHLD handling was not read (it ended, or is not among the parents with the most zombies): reaping may or may not work` };
  }
}

export function diagnoseParents(parents: Parent[]): ParentDiagnosis[] {
  return parents.map((p) => {
    const { reap, text } = prediction(p);
    return {
      pid: p.pid,
      comm: p.comm,
      zombieCount: p.zombieCount,
      sigchld: p.sigchld ?? null,
      reap,
      reapText: text,
      service: p.service ?? null,
      serviceText: serviceText(p.service ?? null),
      oldestZombieAgeSeconds: p.oldestZombieAgeSeconds ?? null,
      sources: [SOURCES.status, SOURCES.cgroup, SOURCES.stat, SOURCES.uptime],
      lastingFix: lastingFixFor(p),
    };
  });
}
