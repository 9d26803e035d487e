import { existsSync } from "node:fs";
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { startLabNetwork, startLabServer, type LabServer } from "@/lab";
import { namespaceProcesses, zombieCounts } from "@/lab/proc-scan";
import { run } from "@/lab/run";
import { sshExec, withSsh } from "@/tests/lab/ssh-client";

// The lab's systemd-like units (a stand-in systemctl on the session's PATH acting on the unit's
// cgroup) and its networks (a namespace of its own, joined to the host by a veth pair).
const started: LabServer[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
});

const ssh = (server: LabServer, command: string) =>
  withSsh(server.port, server.hostKeyFingerprint, { username: server.username, privateKey: server.privateKey }, (client) => sshExec(client, command));

describe("units and the stand-in systemctl", () => {
  it("show and is-active read the unit's cgroup; restart stops everything in it and starts it fresh there", async () => {
    const lab = await startLabServer({
      name: "lab-units",
      scenario: { units: [{ name: "stubborn.service", description: "Ignores SIGTERM", parent: { comm: "stubborn", zombies: 3, liveChildren: 1, onSigterm: "ignore" } }] },
    });
    started.push(lab);
    const before = (await namespaceProcesses(lab.initPid)).find((p) => p.comm === "stubborn" && p.ppid === 1);
    expect(before).toBeDefined();
    const show = await ssh(lab, "systemctl show -p ActiveState -p MainPID -p Description -- stubborn.service");
    expect(show.stdout).toBe(`Description=Ignores SIGTERM\nActiveState=active\nMainPID=${before?.pid}\n`);
    expect((await ssh(lab, "systemctl is-active stubborn.service")).code).toBe(0);

    // SIGTERM is ignored: the stand-in, like systemd, ends it with SIGKILL after its stop timeout.
    const restart = await ssh(lab, "systemctl restart -- stubborn.service");
    expect([restart.code, restart.stderr]).toEqual([0, ""]);
    const after = await namespaceProcesses(lab.initPid);
    const fresh = after.find((p) => p.comm === "stubborn" && p.ppid === 1 && p.state !== "Z");
    expect(fresh?.pid).not.toBe(before?.pid);
    expect(zombieCounts(after).get(fresh?.pid ?? -1) ?? 0).toBe(0);
    expect(after.filter((p) => p.ppid === fresh?.pid && p.state !== "Z")).toHaveLength(1);
    expect((await lab.exec(`cat /proc/${fresh?.pid}/cgroup`)).stdout).toMatch(/\/system\.slice\/stubborn\.service$/m);
    expect((await ssh(lab, "systemctl show -p MainPID --value stubborn.service")).stdout).toBe(`${fresh?.pid}\n`);
  });

  it("answers unknown units as systemctl does, and leaves no cgroup behind when stopped", async () => {
    const lab = await startLabServer({ name: "lab-units-2", scenario: { units: [{ name: "app@blue.service", description: "App (blue)", parent: { comm: "app", zombies: 1 } }] } });
    started.push(lab);
    const restart = await ssh(lab, "systemctl restart nope.service");
    expect([restart.code, restart.stderr]).toEqual([5, "Failed to restart nope.service: Unit nope.service not found.\n"]);
    const inactive = await ssh(lab, "systemctl is-active nope.service");
    expect([inactive.code, inactive.stdout]).toEqual([3, "inactive\n"]);
    expect((await ssh(lab, "systemctl show -p LoadState -p MainPID nope.service")).stdout).toBe("LoadState=not-found\nMainPID=0\n");
    const cgroup = (await lab.exec("cat /proc/*/cgroup")).stdout.match(/^0::(\/reaper-lab-[^/]+)\/system\.slice\/app@blue\.service$/m)?.[1];
    expect(cgroup).toBeDefined();
    await lab.stop();
    for (const mount of ["/sys/fs/cgroup", "/sys/fs/cgroup/unified", "/sys/fs/cgroup/systemd"]) expect(existsSync(`${mount}${cgroup}`)).toBe(false);
  });
});

const refused = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = net.connect(port, host);
    s.once("connect", () => {
      s.destroy();
      resolve(false);
    });
    s.once("error", (e: NodeJS.ErrnoException) => resolve(e.code === "ECONNREFUSED"));
  });

describe("lab networks", () => {
  it("a server on the veth address is reachable from the host; one on the namespace's loopback is not; stop removes the namespace", async () => {
    const network = await startLabNetwork();
    const [bastion, target] = await Promise.all([
      startLabServer({ name: "lab-bastion", network: { net: network, listen: "veth" } }),
      startLabServer({ name: "lab-behind", network: { net: network, listen: "loopback" } }),
    ]);
    expect(bastion.host).toBe(network.nsAddress);
    expect(target.host).toBe("127.0.0.1");
    expect(await refused(target.host, target.port)).toBe(true);
    expect(await refused(bastion.host, bastion.port)).toBe(false);
    // Inside the namespace, the target listens on its loopback (what the bastion reaches).
    expect((await bastion.exec(`cat /proc/net/tcp`)).stdout).toMatch(new RegExp(`0100007F:${target.port.toString(16).toUpperCase().padStart(4, "0")} 00000000:0000 0A`));
    await Promise.all([bastion.stop(), target.stop()]);
    await network.stop();
    expect((await run("ip", ["netns", "list"])).stdout).not.toContain(network.name);
  });
});
