import path from "node:path";
import { accountIds } from "@/lab/accounts";
import { makePidsCgroup } from "@/lab/cgroup";
import { nsenterArgs } from "@/lab/namespace";
import { runDetached, type Env } from "@/lab/run";
import type { ScenarioPiece, ScenarioPlan } from "@/lab/scenarios";
import { STANDARD_PATH } from "@/lab/toolset";
import { makeUnitCgroup, writeUnitFile } from "@/lab/units";

/** Where the stand-in systemctl finds the lab's unit files. */
export const unitsDirOf = (labDir: string): string => path.join(labDir, "units");

/** The piece's environment, with what needs the host resolved: the account's ids, a fresh cgroup. */
async function pieceEnv(piece: ScenarioPiece, index: number, labDir: string, bin: string): Promise<Env> {
  const env: Env = { PATH: STANDARD_PATH.join(":"), ...piece.env };
  if (piece.user) {
    const { uid, gid } = await accountIds(piece.user);
    env.REAPER_LAB_UID = String(uid);
    env.REAPER_LAB_GID = String(gid);
  }
  if (piece.childUser) {
    const { uid, gid } = await accountIds(piece.childUser);
    env.REAPER_LAB_CHILD_UID = String(uid);
    env.REAPER_LAB_CHILD_GID = String(gid);
  }
  if (piece.pidsMax !== undefined) env.REAPER_LAB_CGROUP = await makePidsCgroup(labDir, index, piece.pidsMax);
  if (piece.unit) {
    const cgroup = await makeUnitCgroup(labDir, piece.unit.name);
    env.REAPER_LAB_CGROUP = path.join(cgroup.dir, "cgroup.procs");
    // What a restart starts: the same process in the same cgroup, but fresh, without zombies yet.
    await writeUnitFile(unitsDirOf(labDir), {
      name: piece.unit.name,
      description: piece.unit.description,
      cgroup,
      execStart: `${path.join(bin, piece.name)} infinity`,
      environment: { ...env, REAPER_LAB_ZOMBIES: "0" },
    });
  }
  return env;
}

/**
 * Runs every piece of the scenario inside the namespace; each returns once its processes exist, left
 * to PID 1. `bin` holds the helper's symlinks, named like the processes.
 */
export async function launchScenario(labDir: string, bin: string, plan: ScenarioPlan, initPid: number, logFd: number): Promise<boolean> {
  const codes = await Promise.all(
    plan.pieces.map(async (piece, index) =>
      runDetached("nsenter", [...nsenterArgs(initPid), path.join(bin, piece.name), "infinity"], await pieceEnv(piece, index, labDir, bin), logFd),
    ),
  );
  return codes.every((code) => code === 0);
}
