import { MAX_CHAIN_DEPTH } from "@/lab/lab-proc";
import type { ExpectedParent, ExpectedScan, LabParent, LabScenario, LabUnit, LabUser } from "@/lab/types";
import { parseRestartableUnit } from "@/lib/shared/actions/unit-name";

/** The innermost process of a `chainDepth` chain and its zombies. */
export const DEEP_CHAIN = { comm: "deep-chain", zombies: 2, childComm: "sleep" } as const;

/** Names of the chain's outer levels (cycled): the kinds of names that break naive `ps` parsing. */
export const CHAIN_LEVEL_NAMES = ["web worker)", "wörker-ü", "queue runner 2", "((nested))"] as const;

const MAX_COUNT = 20_000;

/**
 * One helper run: the name it is executed as (its comm, so a symlink of that name) and what to build.
 * `user` and `pidsMax` need the host's state (a uid, a fresh cgroup), so launching turns them into env.
 */
export type ScenarioPiece = {
  name: string;
  env: Record<string, string>;
  user?: LabUser;
  childUser?: LabUser;
  pidsMax?: number;
  /** The piece is the main process of this service: it runs in the unit's cgroup. */
  unit?: { name: string; description: string };
};

export type ScenarioPlan = { pieces: ScenarioPiece[]; expected: ExpectedScan };

/** Names become file names and comms (15 bytes max), and `/` separates chain levels. */
export function assertProcessName(name: string): void {
  const bytes = Buffer.byteLength(name, "utf8");
  if (bytes === 0 || bytes > 15 || /[/\n\0]/.test(name) || name === "." || name === "..") {
    throw new Error(`lab process name ${JSON.stringify(name)} must be 1-15 bytes without "/", newline or NUL`);
  }
}

/** A name given by prctl(PR_SET_NAME) only: `/` is allowed there, and a longer name is cut by the kernel. */
function assertTaskName(name: string): void {
  const bytes = Buffer.byteLength(name, "utf8");
  if (bytes === 0 || bytes > 64 || /[\n\0]/.test(name)) throw new Error(`lab zombie name ${JSON.stringify(name)} must be 1-64 bytes without newline or NUL`);
}

/** What the kernel keeps of a name: 15 bytes, maybe cutting a character (read back as U+FFFD). */
const keptName = (name: string): string => Buffer.from(name).subarray(0, 15).toString("utf8");

/** A command line, hex-encoded for the helper (see REAPER_LAB_ARGV in lab-proc.ts). */
function encodeArgv(comm: string, argv: (string | Uint8Array)[]): string {
  const args = argv.map((arg) => Buffer.from(arg));
  const bytes = args.reduce((sum, arg) => sum + arg.length + 1, 0);
  if (args.length === 0 || args[0]?.length === 0 || bytes > 64 * 1024 || args.some((arg) => arg.includes(0))) {
    throw new Error(`argv of ${comm} must be 1 or more arguments without NUL (the first not empty), 64 KiB at most`);
  }
  return args.map((arg) => arg.toString("hex")).join(":");
}

function assertCount(what: string, n: number, max: number): void {
  if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`${what} must be an integer from 0 to ${max}, got ${n}`);
}

const ON_SIGCHLD = { default: "0", reap: "1", "reap-one": "2", block: "3", ignore: "4" } as const;
const ON_SIGTERM = { default: "0", ignore: "1" } as const;

type Behaviour = Pick<LabParent, "onSigchld" | "onSigterm" | "liveChildren">;

function zombiePiece(names: string[], zombies: number, childComm: string, behaviour: Behaviour = {}): ScenarioPiece {
  const [outer, ...inner] = names;
  if (outer === undefined) throw new Error("a scenario piece needs a name");
  return {
    name: outer,
    env: {
      REAPER_LAB_CHAIN: inner.join("/"),
      REAPER_LAB_ZOMBIES: String(zombies),
      REAPER_LAB_CHILD: childComm,
      REAPER_LAB_ON_CHLD: ON_SIGCHLD[behaviour.onSigchld ?? "default"],
      REAPER_LAB_ON_TERM: ON_SIGTERM[behaviour.onSigterm ?? "default"],
      REAPER_LAB_LIVE: String(behaviour.liveChildren ?? 0),
    },
  };
}

function nprocOf(parent: LabParent): ExpectedParent["nprocLimit"] {
  const limit = parent.nprocLimit;
  if (limit === undefined) return null;
  const { soft, hard } = typeof limit === "number" ? { soft: limit, hard: limit } : limit;
  assertCount(`nprocLimit of ${parent.comm}`, soft, MAX_COUNT);
  assertCount(`nprocLimit of ${parent.comm}`, hard, MAX_COUNT);
  if (soft > hard) throw new Error(`nprocLimit of ${parent.comm}: soft ${soft} above hard ${hard}`);
  return { soft, hard };
}

/** One `parents` entry: its piece (with what launching must resolve) and what the lab promises. */
function parentPiece(parent: LabParent): { piece: ScenarioPiece; expected: ExpectedParent } {
  const childComm = parent.childComm ?? parent.comm;
  assertProcessName(parent.comm);
  assertTaskName(childComm);
  assertCount(`zombies of ${parent.comm}`, parent.zombies, MAX_COUNT);
  const liveChildren = parent.liveChildren ?? 0;
  assertCount(`liveChildren of ${parent.comm}`, liveChildren, MAX_COUNT);
  const nprocLimit = nprocOf(parent);
  const pidsMax = parent.pidsMax ?? null;
  // The parent, its children, and the helper that starts it are all in the cgroup for a moment.
  if (pidsMax !== null) assertCount(`pidsMax of ${parent.comm} (zombies + liveChildren + 2 at least)`, pidsMax - parent.zombies - liveChildren - 2, MAX_COUNT);
  const user = parent.user ?? "root";
  const childUser = parent.childUser ?? user;
  // Only root may switch its children to another account.
  if (childUser !== user && user !== "root") throw new Error(`childUser of ${parent.comm} needs a parent run as root, not ${user}`);
  const piece = zombiePiece([parent.comm], parent.zombies, childComm, parent);
  if (parent.argv) piece.env.REAPER_LAB_ARGV = encodeArgv(parent.comm, parent.argv);
  if (nprocLimit) piece.env.REAPER_LAB_NPROC = `${nprocLimit.soft}:${nprocLimit.hard}`;
  if (user !== "root") piece.user = user;
  if (childUser !== user) piece.childUser = childUser;
  if (pidsMax !== null) piece.pidsMax = pidsMax;
  return {
    piece,
    expected: { comm: parent.comm, zombies: parent.zombies, childComm: keptName(childComm), liveChildren, user, childUser, onSigchld: parent.onSigchld ?? "default", nprocLimit, pidsMax },
  };
}

/** A service's main process: a parent whose piece runs in the unit's cgroup (see units.ts). */
function unitPiece(unit: LabUnit): { piece: ScenarioPiece; expected: ExpectedParent } {
  const name = parseRestartableUnit(unit.name);
  if (!name.ok) throw new Error(`lab unit ${JSON.stringify(unit.name)} ${name.error}`);
  if (unit.parent.pidsMax !== undefined) throw new Error(`lab unit ${unit.name}: pidsMax is not supported (the unit has a cgroup of its own)`);
  const { piece, expected } = parentPiece(unit.parent);
  return { piece: { ...piece, unit: { name: unit.name, description: unit.description } }, expected };
}

const plainParent = (comm: string, zombies: number, childComm: string): ExpectedParent => ({
  comm, zombies, childComm, liveChildren: 0, user: "root", childUser: "root", onSigchld: "default", nprocLimit: null, pidsMax: null,
});

export function planScenario(scenario: LabScenario = {}): ScenarioPlan {
  const pieces: ScenarioPiece[] = [];
  const expected: ExpectedScan = { parents: [], zombies: 0 };
  const addExpected = (parent: ExpectedParent): void => {
    if (parent.zombies === 0) return;
    expected.parents.push(parent);
    expected.zombies += parent.zombies;
  };

  for (const parent of scenario.parents ?? []) {
    const { piece, expected: promised } = parentPiece(parent);
    pieces.push(piece);
    addExpected(promised);
  }

  for (const unit of scenario.units ?? []) {
    const { piece, expected: promised } = unitPiece(unit);
    pieces.push(piece);
    addExpected(promised);
  }

  const depth = scenario.chainDepth ?? 0;
  assertCount("chainDepth", depth, MAX_CHAIN_DEPTH);
  if (depth > 0) {
    const outer = Array.from({ length: depth - 1 }, (_, i) => CHAIN_LEVEL_NAMES[i % CHAIN_LEVEL_NAMES.length] ?? "chain");
    pieces.push(zombiePiece([...outer, DEEP_CHAIN.comm], DEEP_CHAIN.zombies, DEEP_CHAIN.childComm));
    addExpected(plainParent(DEEP_CHAIN.comm, DEEP_CHAIN.zombies, DEEP_CHAIN.childComm));
  }

  const fillers = scenario.fillerProcesses ?? 0;
  assertCount("fillerProcesses", fillers, MAX_COUNT);
  if (fillers > 0) pieces.push({ name: "sleep", env: { REAPER_LAB_FILL: String(fillers) } });
  return { pieces, expected };
}
