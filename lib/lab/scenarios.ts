import { MAX_CHAIN_DEPTH } from "@/lib/lab/lab-proc";
import type { ExpectedScan, LabParent, LabScenario } from "@/lib/lab/types";

/** The innermost process of a `chainDepth` chain and its zombies. */
export const DEEP_CHAIN = { comm: "deep-chain", zombies: 2, childComm: "sleep" } as const;

/** Names of the chain's outer levels (cycled): the kinds of names that break naive `ps` parsing. */
export const CHAIN_LEVEL_NAMES = ["web worker)", "wörker-ü", "queue runner 2", "((nested))"] as const;

const MAX_COUNT = 20_000;

/** One helper run: the name it is executed as (its comm, so a symlink of that name) and what to build. */
export type ScenarioPiece = { name: string; env: Record<string, string> };

export type ScenarioPlan = { pieces: ScenarioPiece[]; expected: ExpectedScan };

/** Names become file names and comms (15 bytes max), and `/` separates chain levels. */
export function assertProcessName(name: string): void {
  const bytes = Buffer.byteLength(name, "utf8");
  if (bytes === 0 || bytes > 15 || /[/\n\0]/.test(name) || name === "." || name === "..") {
    throw new Error(`lab process name ${JSON.stringify(name)} must be 1-15 bytes without "/", newline or NUL`);
  }
}

function assertCount(what: string, n: number, max: number): void {
  if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`${what} must be an integer from 0 to ${max}, got ${n}`);
}

const ON_SIGCHLD = { default: "0", reap: "1", "reap-one": "2", block: "3" } as const;
const ON_SIGTERM = { default: "0", ignore: "1" } as const;

type Behaviour = Pick<LabParent, "onSigchld" | "onSigterm">;

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
    },
  };
}

export function planScenario(scenario: LabScenario = {}): ScenarioPlan {
  const pieces: ScenarioPiece[] = [];
  const expected: ExpectedScan = { parents: [], zombies: 0 };
  const addExpected = (comm: string, zombies: number): void => {
    if (zombies === 0) return;
    expected.parents.push({ comm, zombies });
    expected.zombies += zombies;
  };

  for (const parent of scenario.parents ?? []) {
    const childComm = parent.childComm ?? parent.comm;
    assertProcessName(parent.comm);
    assertProcessName(childComm);
    assertCount(`zombies of ${parent.comm}`, parent.zombies, MAX_COUNT);
    pieces.push(zombiePiece([parent.comm], parent.zombies, childComm, parent));
    addExpected(parent.comm, parent.zombies);
  }

  const depth = scenario.chainDepth ?? 0;
  assertCount("chainDepth", depth, MAX_CHAIN_DEPTH);
  if (depth > 0) {
    const outer = Array.from({ length: depth - 1 }, (_, i) => CHAIN_LEVEL_NAMES[i % CHAIN_LEVEL_NAMES.length] ?? "chain");
    pieces.push(zombiePiece([...outer, DEEP_CHAIN.comm], DEEP_CHAIN.zombies, DEEP_CHAIN.childComm));
    addExpected(DEEP_CHAIN.comm, DEEP_CHAIN.zombies);
  }

  const fillers = scenario.fillerProcesses ?? 0;
  assertCount("fillerProcesses", fillers, MAX_COUNT);
  if (fillers > 0) pieces.push({ name: "sleep", env: { REAPER_LAB_FILL: String(fillers) } });
  return { pieces, expected };
}
