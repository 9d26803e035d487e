import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabParent, type LabServer } from "@/lab";
import { namespaceProcesses, zombieCounts } from "@/lab/proc-scan";
import type { Scan } from "@/lib/shared/scan/types";
import type { ReapPrediction } from "@/lib/shared/triage/types";
import { sendSigchld, sigchldOf, zombieParentPid, type Disposition } from "@/tests/lab/lab-truth";
import { scanLab } from "@/tests/lab/scan-through-app";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";

// Issue 3: the reap prediction of each zombie parent matches its real SIGCHLD disposition, read from
// /proc/PID/status on the server, and what the parent then really does when it is sent SIGCHLD.
// Five parents: the scan reads the facts of the five with the most zombies.
const CASES: { onSigchld: NonNullable<LabParent["onSigchld"]>; disposition: Disposition; reap: ReapPrediction; words: RegExp }[] = [
  { onSigchld: "reap", disposition: "caught", reap: "likely", words: /catches SIGCHLD: reaping is likely to work/ },
  { onSigchld: "reap-one", disposition: "caught", reap: "likely", words: /catches SIGCHLD: reaping is likely to work/ },
  { onSigchld: "block", disposition: "blocked", reap: "unlikely", words: /blocks SIGCHLD: .*unlikely/ },
  { onSigchld: "ignore", disposition: "ignored", reap: "cannot", words: /ignores SIGCHLD: .*cannot work; the parent must end/ },
  { onSigchld: "default", disposition: "default", reap: "cannot", words: /leaves SIGCHLD at default: reaping cannot work; the parent must end/ },
];
const ZOMBIES = 3;
const commOf = (onSigchld: string) => `on-${onSigchld}`;

let app: AppServer;
let lab: LabServer;
let scan: Scan;

beforeAll(async () => {
  // The zombies are named "child" so that each parent's name is its own.
  const parents = CASES.map(({ onSigchld }) => ({ comm: commOf(onSigchld), zombies: ZOMBIES, childComm: "child", onSigchld }));
  [app, lab] = await Promise.all([startApp(), startLabServer({ name: "triage-reap", scenario: { parents } })]);
  scan = await scanLab(await ApiClient.login(app), lab);
});
afterAll(async () => {
  await Promise.all([app?.stop(), lab?.stop()]);
});

describe.each(CASES)("a parent whose SIGCHLD is '$onSigchld'", ({ onSigchld, disposition, reap, words }) => {
  it(`reads ${disposition} from the server's signal masks and predicts "${reap}"`, async () => {
    const pid = await zombieParentPid(lab, commOf(onSigchld));
    const onServer = await sigchldOf(lab, pid);
    expect(onServer.disposition, onServer.masks).toBe(disposition);
    expect(scan.parents.find((p) => p.pid === pid)?.sigchld).toBe(onServer.disposition);
    const diagnosis = scan.triage?.parents.find((p) => p.pid === pid);
    expect(diagnosis).toMatchObject({ comm: commOf(onSigchld), zombieCount: ZOMBIES, sigchld: disposition, reap });
    expect(diagnosis?.reapText).toMatch(words);
    expect(diagnosis?.reapText.startsWith(commOf(onSigchld))).toBe(true);
  });

  it(`and the parent really ${reap === "likely" ? "reaps" : "keeps its zombies"} when sent SIGCHLD`, async () => {
    const pid = await zombieParentPid(lab, commOf(onSigchld));
    await sendSigchld(lab, pid);
    const left = zombieCounts(await namespaceProcesses(lab.initPid)).get(pid) ?? 0;
    if (reap === "likely") expect(left).toBeLessThan(ZOMBIES);
    else expect(left).toBe(ZOMBIES);
  });
});
