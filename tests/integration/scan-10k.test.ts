import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { settledScan } from "@/tests/lab/scan-through-app";

// A 10,000-process host scanned through the built app over real SSH: every process and zombie is
// counted, the parents are exact, the scan's own processes stay out, and pstree (seconds per call
// at this size) is skipped and says so instead of holding anything up.
const PARENTS = Array.from({ length: 5 }, (_, i) => ({ comm: `httpd-${i}`, zombies: 2 + i }));

let app: AppServer;
let lab: LabServer;
/** The scan's answer, and the same scan once its details step (ps alone at this size) landed. */
let answer: Scan;
let scan: Scan;

beforeAll(async () => {
  [app, lab] = await Promise.all([startApp(), startLabServer({ name: "scan-10k", scenario: { fillerProcesses: 9_980, parents: PARENTS } })]);
  const api = await ApiClient.login(app);
  const server = await api.call<Server>("POST", "/api/servers", { name: lab.name, host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey });
  const res = await api.call<Scan>("POST", `/api/servers/${server.body.id}/scans`);
  expect(res.status).toBe(201);
  answer = res.body;
  scan = await settledScan(api, answer, 60_000);
}, 180_000);
afterAll(async () => {
  await Promise.all([app?.stop(), lab?.stop()]);
}, 120_000);

describe("a 10,000-process host", () => {
  it("counts every process and zombie, and finds each parent with its zombies", () => {
    expect(scan.summary.processes).toBeGreaterThanOrEqual(10_000);
    expect(scan.processes).toHaveLength(scan.summary.processes);
    expect(scan.summary.zombies).toBe(lab.expected.zombies);
    expect(Object.fromEntries(scan.parents.map((p) => [p.comm, p.zombieCount]))).toEqual(Object.fromEntries(PARENTS.map((p) => [p.comm, p.zombies])));
    expect(scan.parents.every((p) => p.ancestry[0]?.pid === 1 && p.sigchld !== undefined)).toBe(true);
    expect(scan.processes.filter((p) => p.comm === "sleep").length).toBeGreaterThanOrEqual(9_980);
  });

  it("leaves its own processes out", () => {
    expect(scan.processes.filter((p) => p.comm === "timeout" || p.args.includes("@@reaper") || /^sshd: root@notty/.test(p.args))).toEqual([]);
  });

  it("skips pstree at this size and says so; ps follows the answer and fills in every process", () => {
    expect([answer.psPending, answer.pstreePending]).toEqual([true, undefined]);
    expect(answer.commands[3]).toBe("");
    expect(answer.notes.join(" ")).toContain("pstree skipped");
    expect(scan.psPending).toBeUndefined();
    expect(scan.processes.filter((p) => p.user === "?")).toEqual([]);
    expect(scan.processes.filter((p) => !p.state.startsWith("Z") && p.args === "")).toEqual([]);
  });
});
