import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { run, runOk } from "@/lab/run";
import type { LabNetwork } from "@/lab/types";

/*
 * A network namespace of the lab's own (`ip netns`), joined to the host by a veth pair with a /30
 * of 10.213.0.0/16: a server listening on the namespace's veth address is reachable from the host
 * (like a bastion), one listening on the namespace's own 127.0.0.1 only from inside it (a server
 * behind the bastion). No route leads anywhere else: the traffic stays between the host and the
 * namespace the test made.
 */

const live = new Set<string>();
let exitHookInstalled = false;

function deleteLive(): void {
  for (const name of live) spawnSync("ip", ["netns", "del", name]);
}

async function takenAddresses(): Promise<string> {
  return runOk("ip", ["-4", "-o", "addr", "show"]);
}

/** A /30 in 10.213.0.0/16 that no interface on the host uses yet. */
async function freeSubnet(): Promise<{ hostAddress: string; nsAddress: string }> {
  const taken = await takenAddresses();
  for (let attempt = 0; attempt < 20; attempt++) {
    const [a = 0, b = 0] = randomBytes(2);
    const base = `10.213.${a}.${(b % 64) * 4}`;
    const hostAddress = `10.213.${a}.${(b % 64) * 4 + 1}`;
    const nsAddress = `10.213.${a}.${(b % 64) * 4 + 2}`;
    if (!taken.includes(` ${hostAddress}/`) && !taken.includes(` ${nsAddress}/`) && !taken.includes(` ${base}/`)) return { hostAddress, nsAddress };
  }
  throw new Error("no free /30 in 10.213.0.0/16 for a lab network");
}

export async function startLabNetwork(): Promise<LabNetwork> {
  if (!exitHookInstalled) {
    process.on("exit", deleteLive);
    exitHookInstalled = true;
  }
  const id = randomBytes(3).toString("hex");
  const name = `reaper-lab-${id}`;
  const hostEnd = `rl${id}h`;
  const nsEnd = `rl${id}n`;
  const { hostAddress, nsAddress } = await freeSubnet();
  await runOk("ip", ["netns", "add", name]);
  live.add(name);
  try {
    await runOk("ip", ["link", "add", hostEnd, "type", "veth", "peer", "name", nsEnd]);
    await runOk("ip", ["link", "set", nsEnd, "netns", name]);
    await runOk("ip", ["addr", "add", `${hostAddress}/30`, "dev", hostEnd]);
    await runOk("ip", ["link", "set", hostEnd, "up"]);
    await runOk("ip", ["-n", name, "addr", "add", `${nsAddress}/30`, "dev", nsEnd]);
    await runOk("ip", ["-n", name, "link", "set", nsEnd, "up"]);
    await runOk("ip", ["-n", name, "link", "set", "lo", "up"]);
  } catch (error) {
    await stop(name, hostEnd);
    throw error;
  }
  return { name, hostAddress, nsAddress, stop: () => stop(name, hostEnd) };
}

/** Deleting the namespace takes its end of the veth pair, and so the pair, with it. */
async function stop(name: string, hostEnd: string): Promise<void> {
  live.delete(name);
  await run("ip", ["netns", "del", name]);
  await run("ip", ["link", "del", hostEnd]);
}
