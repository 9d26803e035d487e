import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabNetwork, startLabServer, type LabNetwork, type LabServer } from "@/lab";
import { namespaceProcesses } from "@/lab/proc-scan";
import { AppError } from "@/lib/shared/errors/app-error";
import type { Action } from "@/lib/shared/actions/types";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { SshPool } from "@/lib/server/ssh/pool";
import type { SshLimits, SshTarget } from "@/lib/server/ssh/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { closedPort } from "@/tests/support/ports";

// Servers reached only through a bastion. The lab network is a namespace of the test's own joined to
// the host by a veth pair: the bastion's sshd listens on the namespace's veth address, the targets'
// on the namespace's own 127.0.0.1. From the host, 127.0.0.1:PORT is refused, so a direct connection
// fails; through the bastion (a direct-tcpip channel opened there) the same address works.
type ErrorBody = { error: { code: string; message: string; hop?: string; hopServerId?: string; pinned?: string; presented?: string } };

let net: LabNetwork;
let bastion: LabServer;
let target: LabServer;
let second: LabServer;
let app: AppServer;
let api: ApiClient;
let bastionServer: Server;

beforeAll(async () => {
  net = await startLabNetwork();
  [bastion, target, second, app] = await Promise.all([
    startLabServer({ name: "jump-bastion", network: { net, listen: "veth" } }),
    startLabServer({ name: "jump-target", network: { net, listen: "loopback" }, scenario: { parents: [{ comm: "httpd", zombies: 3, onSigchld: "reap" }] } }),
    startLabServer({ name: "jump-second", network: { net, listen: "loopback" }, scenario: { parents: [{ comm: "worker", zombies: 1 }] } }),
    startApp(),
  ]);
  api = await ApiClient.login(app);
  bastionServer = await add({ name: "bastion", host: bastion.host, port: bastion.port, privateKey: bastion.privateKey });
});
afterAll(async () => {
  await Promise.all([app?.stop(), bastion?.stop(), target?.stop(), second?.stop()]);
  await net?.stop();
});

async function add(body: Record<string, unknown>): Promise<Server> {
  const res = await api.call<Server>("POST", "/api/servers", { username: "root", ...body });
  expect(res.status).toBe(201);
  return res.body;
}

const scan = (serverId: string) => api.call<Scan & ErrorBody>("POST", `/api/servers/${serverId}/scans`);
const behind = (l: LabServer, over: Record<string, unknown> = {}) => add({ name: `${l.name}-${Math.random().toString(36).slice(2, 7)}`, host: l.host, port: l.port, privateKey: l.privateKey, ...over });

describe("a target reachable only through the bastion", () => {
  it("a direct connection fails: nothing listens on the host's 127.0.0.1 at that port", async () => {
    const direct = await behind(target);
    const res = await scan(direct.id);
    expect([res.status, res.body.error.code]).toEqual([502, "SSH_UNREACHABLE"]);
    expect(res.body.error.message).toMatch(new RegExp(`^Could not reach 127\\.0\\.0\\.1:${target.port}: the connection was refused`));
    expect(res.body.error.hop).toBeUndefined();
  });

  it("through the jump host the scan works, and both host keys are pinned on first contact", async () => {
    const viaBastion = await behind(target, { jumpServerId: bastionServer.id });
    const res = await scan(viaBastion.id);
    expect(res.status).toBe(201);
    expect(res.body.parents.find((p) => p.comm === "httpd")?.zombieCount).toBe(3);
    const [t, b] = await Promise.all([api.call<Server>("GET", `/api/servers/${viaBastion.id}`), api.call<Server>("GET", `/api/servers/${bastionServer.id}`)]);
    expect(t.body.hostKeyFingerprint).toBe(target.hostKeyFingerprint);
    expect(b.body.hostKeyFingerprint).toBe(bastion.hostKeyFingerprint);
  });

  it("an action goes through the jump host too", async () => {
    const viaBastion = await behind(target, { jumpServerId: bastionServer.id });
    const httpd = (await scan(viaBastion.id)).body.parents.find((p) => p.comm === "httpd");
    if (!httpd) throw new Error("no httpd parent");
    const res = await api.call<Action>("POST", `/api/servers/${viaBastion.id}/actions`, { action: "reap", pid: httpd.pid, startTime: httpd.startTime });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ before: { zombies: 3 }, after: { zombies: 0 } });
  });
});

describe("errors name the hop that failed", () => {
  it("the bastion unreachable: SSH_UNREACHABLE at the jump host", async () => {
    const deadBastion = await add({ name: "bastion-closed", host: bastion.host, port: await closedPort(), privateKey: bastion.privateKey });
    const t = await behind(target, { jumpServerId: deadBastion.id });
    const res = await scan(t.id);
    expect([res.status, res.body.error.code, res.body.error.hop, res.body.error.hopServerId]).toEqual([502, "SSH_UNREACHABLE", "jump", deadBastion.id]);
    expect(res.body.error.message).toMatch(/^At the jump host bastion-closed \(10\.213\.[\d.]+:\d+\): Could not reach .*the connection was refused/);
  });

  it("the target unreachable from the bastion: SSH_UNREACHABLE at the target", async () => {
    const t = await behind(target, { port: await closedPort(), jumpServerId: bastionServer.id });
    const res = await scan(t.id);
    expect([res.status, res.body.error.code, res.body.error.hop, res.body.error.hopServerId]).toEqual([502, "SSH_UNREACHABLE", "target", t.id]);
    expect(res.body.error.message).toMatch(/^At jump-target-\w+ \(127\.0\.0\.1:\d+\), reached through the jump host bastion \([\d.]+:\d+\): the jump host could not reach 127\.0\.0\.1:\d+ \(Connection refused\)/);
  });

  it("credentials refused by the bastion: SSH_AUTH_FAILED at the jump host", async () => {
    const wrongKeyBastion = await add({ name: "bastion-wrong-key", host: bastion.host, port: bastion.port, privateKey: target.privateKey });
    const res = await scan((await behind(target, { jumpServerId: wrongKeyBastion.id })).id);
    expect([res.status, res.body.error.code, res.body.error.hop]).toEqual([502, "SSH_AUTH_FAILED", "jump"]);
    expect(res.body.error.message).toMatch(/^At the jump host bastion-wrong-key .*rejected the credentials/);
  });

  it("credentials refused by the target: SSH_AUTH_FAILED at the target", async () => {
    const res = await scan((await behind(target, { privateKey: bastion.privateKey, jumpServerId: bastionServer.id })).id);
    expect([res.status, res.body.error.code, res.body.error.hop]).toEqual([502, "SSH_AUTH_FAILED", "target"]);
    expect(res.body.error.message).toMatch(/reached through the jump host bastion .*rejected the credentials/);
  });

  it("a changed host key at the bastion: HOST_KEY_MISMATCH at the jump host, nothing run", async () => {
    const impostor = await add({ name: "bastion-pinned-other", host: bastion.host, port: bastion.port, privateKey: bastion.privateKey, hostKeyFingerprint: target.hostKeyFingerprint });
    const res = await scan((await behind(target, { jumpServerId: impostor.id })).id);
    expect([res.status, res.body.error.code, res.body.error.hop]).toEqual([409, "HOST_KEY_MISMATCH", "jump"]);
    expect(res.body.error).toMatchObject({ pinned: target.hostKeyFingerprint, presented: bastion.hostKeyFingerprint });
  });

  it("a changed host key at the target: HOST_KEY_MISMATCH at the target", async () => {
    const res = await scan((await behind(target, { hostKeyFingerprint: bastion.hostKeyFingerprint, jumpServerId: bastionServer.id })).id);
    expect([res.status, res.body.error.code, res.body.error.hop]).toEqual([409, "HOST_KEY_MISMATCH", "target"]);
    expect(res.body.error).toMatchObject({ pinned: bastion.hostKeyFingerprint, presented: target.hostKeyFingerprint });
  });
});

describe("bastion connections are pooled", () => {
  const limits: SshLimits & { label: string } = { connectTimeoutMs: 5_000, commandTimeoutMs: 10_000, maxOutputBytes: 1 << 20, label: "The test command" };
  const hop = (l: LabServer, name: string): SshTarget => ({ host: l.host, port: l.port, username: "root", privateKey: l.privateKey, hostKeyFingerprint: l.hostKeyFingerprint, name });

  /** SSH connections the bastion's sshd holds right now: its listener's children (one per connection). */
  async function bastionConnections(): Promise<number> {
    const procs = await namespaceProcesses(bastion.initPid);
    const listener = procs.find((p) => p.comm === "sshd" && p.ppid === 1);
    return procs.filter((p) => p.comm === "sshd" && p.ppid === listener?.pid).length;
  }

  it("one bastion connection carries several targets; past its channel limit another one opens", async () => {
    const base = await bastionConnections();
    const pool = new SshPool(60_000);
    const jump = hop(bastion, "bastion");
    try {
      const [a, b] = await Promise.all([pool.run({ ...hop(target, "t1"), jump }, "echo a", limits), pool.run({ ...hop(second, "t2"), jump }, "echo b", limits)]);
      expect([a.stdout, b.stdout]).toEqual(["a\n", "b\n"]);
      expect(a.jumpHostKeys).toEqual([{ serverId: undefined, hostKeyFingerprint: bastion.hostKeyFingerprint }]);
      expect([pool.size(), pool.jumpHostConnections()]).toEqual([2, 1]);
      expect(await bastionConnections()).toBe(base + 1);
    } finally {
      pool.closeAll();
    }

    const narrow = new SshPool(60_000, { maxForwards: 1 });
    try {
      await Promise.all([narrow.run({ ...hop(target, "t1"), jump }, "true", limits), narrow.run({ ...hop(second, "t2"), jump }, "true", limits)]);
      expect(narrow.jumpHostConnections()).toBe(2);
    } finally {
      narrow.closeAll();
    }
  });

  it("a failure at the jump host is an AppError naming the hop, straight from the pool", async () => {
    const pool = new SshPool(60_000);
    try {
      await pool.run({ ...hop(target, "t1"), jump: { ...hop(bastion, "bastion"), port: await closedPort() } }, "true", limits);
      throw new Error("expected a failure");
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).details).toMatchObject({ hop: "jump" });
    } finally {
      pool.closeAll();
    }
  });
});
