import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabScenario, type LabServer } from "@/lab";
import { parsePstree, type PstreeNode } from "@/lib/server/scan/parse/parse-pstree";
import type { Parent, Scan } from "@/lib/shared/scan/types";
import { chainOf, pstreeOf, statesOf } from "@/tests/lab/lab-truth";
import { scanLab } from "@/tests/lab/scan-through-app";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";

// Issue 3, "Done when": the chain and the collapsed groups of each zombie parent match what
// `pstree -s` prints on the same server. Zombies and live workers get different names so that
// pstree's own grouping (`40*[php5.cgi]`, without -p) is the collapsed group to compare with.
const SCENARIO: LabScenario = {
  parents: [
    { comm: "httpd", zombies: 40, childComm: "php5.cgi", liveChildren: 3 },
    { comm: "php-fpm", zombies: 3, childComm: "php-worker", liveChildren: 2 },
    { comm: "web worker)", zombies: 5, childComm: "wörker-ü" },
  ],
  chainDepth: 6,
};

let app: AppServer;
let lab: LabServer;
let scan: Scan;

beforeAll(async () => {
  [app, lab] = await Promise.all([startApp(), startLabServer({ name: "triage-tree", scenario: SCENARIO })]);
  scan = await scanLab(await ApiClient.login(app), lab);
});
afterAll(async () => {
  await Promise.all([app?.stop(), lab?.stop()]);
});

function parentNamed(comm: string): Parent {
  const found = scan.parents.filter((p) => p.comm === comm);
  expect(found, `one zombie parent named ${comm}`).toHaveLength(1);
  return found[0] as Parent;
}

/** name -> how many, over a list of names or pstree's `N*[name]` groups. */
function tally(items: { name: string; count: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { name, count } of items) out[name] = (out[name] ?? 0) + count;
  return out;
}

const children = (parent: Parent) => scan.processes.filter((p) => p.ppid === parent.pid);
const isZombie = (state: string) => state.startsWith("Z");

describe("each zombie parent against pstree -s on the same server", () => {
  const names = [...(SCENARIO.parents ?? []).map((p) => p.comm), "deep-chain"];

  it("the scan found every parent the lab made, and only those", () => {
    const made = lab.expected.parents.map((p) => p.comm).sort();
    expect(scan.parents.map((p) => p.comm).sort()).toEqual(made);
    expect([...names].sort()).toEqual(made);
  });

  it.each(names)("%s: the ancestry chain is pstree -s -p's, PID and name", async (comm) => {
    const parent = parentNamed(comm);
    const { roots, text } = await pstreeOf(lab, parent.pid, true);
    const chain = chainOf(roots);
    const upToParent = chain.slice(0, chain.findIndex((n) => n.pid === parent.pid) + 1);
    expect(upToParent.map((n) => ({ pid: n.pid, comm: n.name })), text).toEqual(parent.ancestry);
    expect(parent.ancestry[0]?.pid).toBe(1);
  });

  it.each(names)("%s: its zombie and live children are pstree -s -p's children, by PID", async (comm) => {
    const parent = parentNamed(comm);
    const { roots, text } = await pstreeOf(lab, parent.pid, true);
    const node = chainOf(roots).find((n) => n.pid === parent.pid) ?? roots[0];
    const pids = (node?.children ?? []).map((c) => c.pid ?? -1);
    // pstree does not mark zombies: ps on the same server tells them apart.
    const states = await statesOf(lab, pids);
    const zombiePids = pids.filter((pid) => isZombie(states.get(pid) ?? "")).sort((a, b) => a - b);
    const livePids = pids.filter((pid) => !isZombie(states.get(pid) ?? "Z")).sort((a, b) => a - b);
    expect(zombiePids, text).toEqual(parent.zombiePids);
    expect(parent.zombieCount).toBe(zombiePids.length);
    const scanLive = children(parent).filter((c) => !isZombie(c.state)).map((c) => c.pid).sort((a, b) => a - b);
    expect(livePids).toEqual(scanLive);
    const promised = lab.expected.parents.find((p) => p.comm === comm);
    expect([zombiePids.length, livePids.length]).toEqual([promised?.zombies, promised?.liveChildren]);
  });

  it.each(names)("%s: the collapsed groups are pstree -s's N*[name] groups", async (comm) => {
    const parent = parentNamed(comm);
    const { roots, text } = await pstreeOf(lab, parent.pid, false);
    const chain = chainOf(roots);
    expect(chain.slice(0, parent.ancestry.length).map((n) => n.name), text).toEqual(parent.ancestry.map((s) => s.comm));
    const node: PstreeNode | undefined = chain[parent.ancestry.length - 1];
    const fromPstree = tally((node?.children ?? []).map((c) => ({ name: c.name, count: c.count })));
    const fromScan = tally(children(parent).map((c) => ({ name: c.comm, count: 1 })));
    expect(fromScan, text).toEqual(fromPstree);
    // The zombies' group alone is the "87 x php5.cgi <defunct>" node.
    const zombieNames = tally(scan.zombies.filter((z) => z.ppid === parent.pid).map((z) => ({ name: z.comm, count: 1 })));
    const promised = lab.expected.parents.find((p) => p.comm === comm);
    expect(zombieNames).toEqual({ [promised?.childComm ?? "?"]: parent.zombieCount });
    expect(fromPstree[promised?.childComm ?? "?"]).toBe(parent.zombieCount);
  });

  it.each(names)("%s: the pstree text the scan kept reads the same chain", async (comm) => {
    const parent = parentNamed(comm);
    expect(parent.pstree).not.toBeNull();
    const { roots } = await pstreeOf(lab, parent.pid, true);
    const kept = parsePstree(parent.pstree ?? "");
    expect(kept.ok && chainOf(kept.value).map((n) => n.pid)).toEqual(chainOf(roots).map((n) => n.pid));
  });
});
