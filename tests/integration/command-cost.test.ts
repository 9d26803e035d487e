import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import { SLOW_COMMAND_MS } from "@/lib/shared/scan/command-cost";
import type { Scan } from "@/lib/shared/scan/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { scanLab, settledScan } from "@/tests/lab/scan-through-app";

// A server whose account's rc file sleeps 0.5 s on every command, next to one without: the scan
// says what a command costs there before it starts, and a warm scan does not pay it again.
const RC_COUNT = "/tmp/reaper-rc-count";

let app: AppServer;
let api: ApiClient;
let slow: LabServer;
let plain: LabServer;

beforeAll(async () => {
  [app, slow, plain] = await Promise.all([
    startApp(),
    startLabServer({ name: "rc-slow", rcFile: `sleep 0.5\necho run >>${RC_COUNT}\n`, scenario: { parents: [{ comm: "httpd", zombies: 2 }] } }),
    startLabServer({ name: "rc-none", scenario: { parents: [{ comm: "httpd", zombies: 2 }] } }),
  ]);
  api = await ApiClient.login(app);
});
afterAll(async () => {
  await Promise.all([app?.stop(), slow?.stop(), plain?.stop()]);
});

async function rcRuns(): Promise<number> {
  const { stdout } = await slow.exec(`cat ${RC_COUNT} 2>/dev/null | wc -l`);
  return Number(stdout.trim());
}

describe("a server's cost per command", () => {
  it("is measured with the scan: the rc file's 0.5 s on one server, next to nothing on the other", async () => {
    const [onSlow, onPlain] = await Promise.all([scanLab(api, slow), scanLab(api, plain)]);
    expect(onSlow.commandCostMs).toBeGreaterThanOrEqual(450);
    // Whatever the machine's load does to both, the sleep is the difference.
    expect((onSlow.commandCostMs ?? 0) - (onPlain.commandCostMs ?? 0)).toBeGreaterThanOrEqual(400);
    expect(onSlow.commandCostMs).toBeGreaterThanOrEqual(SLOW_COMMAND_MS);
  });

  it("is not paid again by a warm scan, which still reports it", async () => {
    const first = await scanLab(api, slow);
    const runs = await rcRuns();
    const again = await api.call<Scan>("POST", `/api/servers/${first.serverId}/scans`);
    expect(again.status).toBe(201);
    await settledScan(api, again.body);
    // Neither the scan nor its details step started a login shell: the connection's shell ran both.
    expect(await rcRuns()).toBe(runs);
    expect(again.body.commandCostMs).toBe(first.commandCostMs);
  });
});
