// One loop over tests/fixtures/procs: every captured output has a NAME.expected.json next to it
// saying which parser reads it and what must come out.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { maxProcessesSoftLimit } from "@/lib/server/scan/parse/parse-limits";
import { parseParentFacts, type ParentFacts } from "@/lib/server/scan/parse/parse-parent-facts";
import { parsePs } from "@/lib/server/scan/parse/parse-ps";
import { parsePstree, pstreeAncestry, type PstreeNode } from "@/lib/server/scan/parse/parse-pstree";
import { parseScanOutput } from "@/lib/server/scan/parse/parse-scan";
import { parseDetailsOutput } from "@/lib/server/scan/parse/details-output";
import { buildScanCommand, type ScanCommandOptions } from "@/lib/server/scan/command/scan-command";
import { SCAN_STEPS, type ScanStep } from "@/lib/shared/scan/steps";
import type { CgroupPids, Process, ProcessService, SigchldDisposition, UserProcesses } from "@/lib/shared/scan/types";
import type { TriageCause } from "@/lib/shared/triage/types";

type ScanCase = {
  parser: "scan";
  options?: ScanCommandOptions;
  processes?: number;
  zombies?: number;
  pidsInUse?: number;
  parents?: { comm: string; zombieCount: number; ancestryTail: string[]; pstree: boolean }[];
  includes?: Partial<Process>[];
  /** Substrings, one per expected note; [] means no notes at all. */
  notes?: string[];
  error?: { step: ScanStep; message: string };
  /** What the parents step read, one per parent in order; `aged`: the oldest zombie's age is known. */
  parentFacts?: { comm: string; sigchld: SigchldDisposition | null; uid: number | null; serviceKind: ProcessService["kind"] | null; cgroupPids: CgroupPids | null; aged: boolean }[];
  /** Users (root aside) as counted, with the limit the limits step read. */
  users?: Pick<UserProcesses, "user" | "processes" | "limit">[];
  verdict?: TriageCause;
};
type ParentCase = { parser: "parent"; facts: ParentFacts };
/** The details step's output: how ps went (with a substring of the reason when it failed) and pstree. */
type DetailsCase = { parser: "details"; ps: { kind: "ran" | "failed"; message?: string }; pstree: "ran" | "failed" | "missing" | "skipped" | "none" };
type LimitsCase = { parser: "limits"; soft: number | null };
type PsCase = { parser: "ps"; format: string; rows: number; includes: Record<string, unknown>[] };
type PstreeCase = {
  parser: "pstree";
  roots: number;
  nodes: number;
  includes: Partial<Omit<PstreeNode, "children">>[];
  ancestry?: { pid: number; comms: string[] };
};
type Case = { about: string } & (ScanCase | DetailsCase | PsCase | PstreeCase | ParentCase | LimitsCase);

const dir = join(process.cwd(), "tests/fixtures/procs");
const cases = readdirSync(dir)
  .filter((f) => f.endsWith(".expected.json"))
  .map((f) => ({
    name: f.replace(".expected.json", ""),
    text: readFileSync(join(dir, f.replace(".expected.json", ".txt")), "utf8"),
    expected: JSON.parse(readFileSync(join(dir, f), "utf8")) as Case,
  }));

const flatten = (nodes: PstreeNode[]): PstreeNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

function checkScan(text: string, c: ScanCase) {
  const { commands } = buildScanCommand(c.options);
  const result = parseScanOutput(text, commands);
  if (c.error) {
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.command).toBe(commands[SCAN_STEPS.indexOf(c.error.step)]);
    expect(result.error.message).toContain(c.error.message);
    return;
  }
  if (!result.ok) throw new Error(`${result.error.message} (command: ${result.error.command})`);
  const scan = result.value;
  expect(scan.commands).toEqual(commands);
  expect(scan.summary.processes).toBe(c.processes);
  expect(scan.processes).toHaveLength(c.processes ?? -1);
  expect(scan.summary.zombies).toBe(c.zombies);
  expect(scan.zombies.every((z) => z.state.startsWith("Z") && z.args === "")).toBe(true);
  expect(scan.summary.pidsInUse).toBe(c.pidsInUse);
  expect(scan.summary.pidMax).toBe(32768);
  const parents = scan.parents.map((p) => ({
    comm: p.comm,
    zombieCount: p.zombieCount,
    ancestryTail: p.ancestry.slice(-(c.parents?.find((e) => e.comm === p.comm)?.ancestryTail.length ?? 0)).map((a) => a.comm),
    pstree: p.pstree !== null,
  }));
  expect(parents).toEqual(c.parents);
  for (const p of scan.parents) {
    expect(p.zombiePids).toEqual(scan.zombies.filter((z) => z.ppid === p.pid).map((z) => z.pid).sort((a, b) => a - b));
    expect(p.ancestry.at(-1)).toEqual({ pid: p.pid, comm: p.comm });
  }
  for (const want of c.includes ?? []) expect(scan.processes).toContainEqual(expect.objectContaining(want));
  if (c.parentFacts) {
    expect(scan.parents.map((p) => ({ comm: p.comm, sigchld: p.sigchld, uid: p.uid, serviceKind: p.service?.kind ?? null, cgroupPids: p.cgroupPids, aged: p.oldestZombieAgeSeconds !== null }))).toEqual(c.parentFacts);
  }
  if (c.users) expect(scan.users?.filter((u) => u.user !== "root").map((u) => ({ user: u.user, processes: u.processes, limit: u.limit }))).toEqual(c.users);
  if (c.verdict) expect(scan.triage?.verdict.cause).toBe(c.verdict);
  if (scan.zombies.length > 0) expect(scan.host?.oldestZombieAgeSeconds).toBeGreaterThanOrEqual(0);
  if (c.notes) {
    expect(scan.notes.filter((n) => !n.startsWith("Load average"))).toHaveLength(c.notes.length);
    for (const note of c.notes) expect(scan.notes.some((n) => n.includes(note))).toBe(true);
  }
}

function checkDetails(text: string, c: DetailsCase) {
  const { ps, pstree } = parseDetailsOutput(text);
  expect(ps.kind).toBe(c.ps.kind);
  if (ps.kind === "failed") expect(ps.reason).toContain(c.ps.message);
  expect(pstree.kind).toBe(c.pstree);
}

function checkPs(text: string, c: PsCase) {
  const result = parsePs(text);
  if (!result.ok) throw new Error(result.error);
  expect(result.value.format).toBe(c.format);
  expect(result.value.rows).toHaveLength(c.rows);
  for (const want of c.includes) expect(result.value.rows).toContainEqual(expect.objectContaining(want));
}

function checkPstree(text: string, c: PstreeCase) {
  const result = parsePstree(text);
  if (!result.ok) throw new Error(result.error);
  expect(result.value).toHaveLength(c.roots);
  const nodes = flatten(result.value);
  expect(nodes).toHaveLength(c.nodes);
  for (const want of c.includes) expect(nodes).toContainEqual(expect.objectContaining(want));
  if (c.ancestry) expect(pstreeAncestry(result.value, c.ancestry.pid)?.map((s) => s.comm)).toEqual(c.ancestry.comms);
}

describe("captured fixtures", () => {
  it("has a case for every kind of output", () => {
    expect(new Set(cases.map((c) => c.expected.parser))).toEqual(new Set(["scan", "details", "ps", "pstree", "parent", "limits"]));
  });

  for (const { name, text, expected } of cases) {
    it(`${name}: ${expected.about}`, () => {
      if (expected.parser === "scan") checkScan(text, expected);
      else if (expected.parser === "details") checkDetails(text, expected);
      else if (expected.parser === "ps") checkPs(text, expected);
      else if (expected.parser === "parent") expect(parseParentFacts(text)).toEqual(expected.facts);
      else if (expected.parser === "limits") expect(maxProcessesSoftLimit(text)).toBe(expected.soft);
      else checkPstree(text, expected);
    });
  }
});
