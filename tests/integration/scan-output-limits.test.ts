import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { settledScan } from "@/tests/lab/scan-through-app";

// A server whose ps misbehaves (garbage, binary bytes, a flood), and one real process with a 1 MB
// command line, scanned through the built app with a small output cap: the cap holds, the app's
// memory stays bounded, and ps (in the details step, after the scan answered) failing costs the scan
// its users and command lines, never the zombies and parents it found.
type ErrorBody = { error: { code: string; message: string; step?: string; command?: string } };

const CAP = 4 * 1024 * 1024;

const flags = fs.mkdtempSync(path.join(os.tmpdir(), "reaper-ps-output-"));
const flag = (name: string) => path.join(flags, name);
// The details step pipes ps through awk; whatever this prints is what ps printed.
const PS = [
  `if [ -e ${flag("garbage")} ]; then printf "%s\\n" "total garbage" "<html><body>not ps</body>" "PID but no columns"; exit 0; fi`,
  `if [ -e ${flag("binary")} ]; then head -c 300000 /dev/urandom; exit 0; fi`,
  `if [ -e ${flag("flood")} ]; then yes "    1 root     S     0.0  1000 /sbin/init" | head -c 100000000; exit 0; fi`,
  'exec /usr/bin/ps "$@"',
].join("\n");

let app: AppServer;
let api: ApiClient;
let lab: LabServer;
let server: Server;

beforeAll(async () => {
  [app, lab] = await Promise.all([
    startApp({ REAPER_SSH_MAX_OUTPUT_BYTES: String(CAP) }),
    startLabServer({ name: "ps-output", standIns: { ps: PS }, scenario: { parents: [{ comm: "httpd", zombies: 2 }] } }),
  ]);
  api = await ApiClient.login(app);
  const res = await api.call<Server>("POST", "/api/servers", { name: "ps-output", host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey, hostKeyFingerprint: lab.hostKeyFingerprint });
  expect(res.status).toBe(201);
  server = res.body;
});
afterAll(async () => {
  await Promise.all([app?.stop(), lab?.stop()]);
  fs.rmSync(flags, { recursive: true, force: true });
});

const scan = () => api.call<Scan & ErrorBody>("POST", `/api/servers/${server.id}/scans`);
/** A scan, answered and then settled (its details step landed). */
async function scanSettled(): Promise<Scan> {
  const res = await scan();
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.summary.zombies).toBe(2);
  return settledScan(api, res.body);
}

async function withFlag<T>(name: string, fn: () => Promise<T>): Promise<T> {
  fs.writeFileSync(flag(name), "");
  try {
    return await fn();
  } finally {
    fs.rmSync(flag(name), { force: true });
  }
}

/** Resident memory of the app's process, from its /proc status. */
function rssBytes(): number {
  const line = fs.readFileSync(`/proc/${app.pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:")) ?? "";
  return Number(/(\d+)/.exec(line)?.[1] ?? NaN) * 1024;
}

const psNote = (s: Scan) => s.notes.find((n) => n.startsWith("ps did not list this server's processes"));

describe("a ps that misbehaves", () => {
  it.each(["garbage", "binary"])("%s: the scan answers with its zombies and parents; once settled it says ps failed, and users are unknown", async (mode) => {
    const settled = await withFlag(mode, scanSettled);
    expect(psNote(settled)).toContain("this server's ps is not supported");
    expect(settled.parents.map((p) => p.zombieCount)).toEqual([2]);
    expect(settled.processes.every((p) => p.user === "?")).toBe(true);
    expect(settled.psPending).toBeUndefined();
  });

  it("100 MB of output: the details step is stopped at the cap and says so; the app's memory stays bounded", async () => {
    await scanSettled();
    const before = rssBytes();
    const settled = await withFlag("flood", scanSettled);
    expect(psNote(settled)).toContain(`printed more than ${CAP} bytes, Reaper's limit, and was stopped`);
    // Far less than the 100 MB the server tried to send: what was read is bounded by the cap.
    expect(rssBytes() - before).toBeLessThan(40 * 1024 * 1024);
    // The connection is still good for the next scan, and ps works again.
    expect(psNote(await scanSettled())).toBeUndefined();
  });
});

describe("a process with a 1 MB command line", () => {
  it("scans fine: the process is listed with as much of its command line as ps prints", async () => {
    // Ten arguments of 100 kB (the kernel allows 128 kB per argument), built inside the namespace.
    await lab.exec(
      "A=$(head -c 100000 /dev/zero | tr '\\0' a); setsid sh -c 'sleep 1000; :' long-args $A $A $A $A $A $A $A $A $A $A </dev/null >/dev/null 2>&1 &",
    );
    const settled = await scanSettled();
    const long = settled.processes.find((p) => p.args.startsWith("sh -c sleep 1000; : long-args "));
    // procps prints at most 128 KiB of a command line; all of that arrives.
    expect(long?.args.length).toBeGreaterThan(100_000);
  });
});
