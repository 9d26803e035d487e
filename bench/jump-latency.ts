// Scan latency through a jump host against the same target scanned directly, in the same run: the
// target and the bastion are lab servers on the host's loopback, so the bastion's direct-tcpip
// channel reaches the very address the direct connection uses.
import { startLabServer } from "@/lab";
import { median, sample } from "@/bench/stats";
import { ApiClient } from "@/tests/support/api-client";
import { startApp } from "@/tests/support/app-server";

const IDLE_MS = 1_000;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

export type JumpFigures = { directColdMs: number; directWarmMs: number; jumpColdMs: number; jumpWarmMs: number; runs: number };

export async function benchJumpLatency(runs = 9): Promise<JumpFigures> {
  const [target, bastion] = await Promise.all([
    startLabServer({ name: "bench-target", scenario: { fillerProcesses: 480, parents: [{ comm: "httpd", zombies: 10 }] } }),
    startLabServer({ name: "bench-bastion" }),
  ]);
  const app = await startApp({ REAPER_SSH_IDLE_MS: String(IDLE_MS), REAPER_LOG_LEVEL: "error" });
  try {
    const api = await ApiClient.login(app);
    const add = async (body: Record<string, unknown>) => (await api.call<{ id: string }>("POST", "/api/servers", { username: "root", ...body })).body.id;
    const bastionId = await add({ name: "bastion", host: bastion.host, port: bastion.port, privateKey: bastion.privateKey });
    const direct = await add({ name: "direct", host: target.host, port: target.port, privateKey: target.privateKey });
    const viaJump = await add({ name: "via-jump", host: target.host, port: target.port, privateKey: target.privateKey, jumpServerId: bastionId });
    const scan = (id: string) => async (): Promise<void> => {
      const res = await api.call("POST", `/api/servers/${id}/scans`);
      if (res.status !== 201) throw new Error(`scan answered ${res.status}`);
    };
    const idle = async (): Promise<void> => {
      await sleep(IDLE_MS + 500);
    };
    await scan(direct)();
    await scan(viaJump)();
    // Interleaved so that drift on the machine lands on both sides alike.
    const dCold: number[] = [];
    const dWarm: number[] = [];
    const jCold: number[] = [];
    const jWarm: number[] = [];
    for (let i = 0; i < runs; i++) {
      dCold.push(...(await sample(1, scan(direct), idle)));
      dWarm.push(...(await sample(1, scan(direct))));
      jCold.push(...(await sample(1, scan(viaJump), idle)));
      jWarm.push(...(await sample(1, scan(viaJump))));
    }
    return { directColdMs: median(dCold), directWarmMs: median(dWarm), jumpColdMs: median(jCold), jumpWarmMs: median(jWarm), runs };
  } finally {
    await app.stop();
    await Promise.all([target.stop(), bastion.stop()]);
  }
}
