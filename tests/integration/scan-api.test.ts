import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import { parsePstree, pstreeAncestry } from "@/lib/server/scan/parse/parse-pstree";
import type { Scan } from "@/lib/shared/scan/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { settledScan } from "@/tests/lab/scan-through-app";
import { closedPort, silentPort } from "@/tests/support/ports";

// The whole path a support agent takes: add a server, scan it over real SSH, read the result.
type ErrorBody = { error: { code: string; message: string; pinned?: string; presented?: string } };

let app: AppServer;
let api: ApiClient;
let lab: LabServer;

beforeAll(async () => {
  [app, lab] = await Promise.all([
    startApp({ REAPER_SSH_CONNECT_TIMEOUT_MS: "2000" }),
    startLabServer({
      name: "scan-api",
      scenario: { parents: [{ comm: "httpd", zombies: 7 }, { comm: "php-fpm", zombies: 3 }, { comm: "web worker)", zombies: 2 }], chainDepth: 5 },
    }),
  ]);
  api = await ApiClient.login(app);
});
afterAll(async () => {
  await Promise.all([app?.stop(), lab?.stop()]);
});

async function addServer(l: LabServer, over: Record<string, unknown> = {}): Promise<Server> {
  const res = await api.call<Server>("POST", "/api/servers", { name: l.name, host: l.host, port: l.port, username: l.username, privateKey: l.privateKey, ...over });
  expect(res.status).toBe(201);
  return res.body;
}

async function scan(serverId: string) {
  return api.call<Scan & ErrorBody>("POST", `/api/servers/${serverId}/scans`);
}

/** The per-connection sshd processes inside the lab: one per open SSH connection. */
async function sshdSessions(l: LabServer): Promise<number> {
  const { stdout } = await l.exec("ps -A -o args= | grep -c '^sshd: root@notty' || true");
  return Number(stdout.trim());
}

describe("scanning a lab server", () => {
  let server: Server;
  /** The scan's answer, and the same scan once its details step landed. */
  let first: Scan;
  let settled: Scan;

  beforeAll(async () => {
    server = await addServer(lab);
    const res = await scan(server.id);
    expect(res.status).toBe(201);
    first = res.body;
  });

  it("finds exactly the lab's zombies, grouped under the right parents, most first", () => {
    expect(first.summary.zombies).toBe(lab.expected.zombies);
    expect(first.zombies).toHaveLength(lab.expected.zombies);
    const byParent = Object.fromEntries(first.parents.map((p) => [p.comm, p.zombieCount]));
    for (const p of lab.expected.parents) expect(byParent[p.comm]).toBe(p.zombies);
    const counts = first.parents.map((p) => p.zombieCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (const p of first.parents) {
      expect(p.zombiePids).toHaveLength(p.zombieCount);
      for (const z of p.zombiePids) expect(first.zombies.find((x) => x.pid === z)?.ppid).toBe(p.pid);
    }
  });

  it("gives every parent its ancestry from PID 1 down, as pstree -s -p shows it", async () => {
    for (const parent of first.parents) {
      expect(parent.ancestry[0]?.pid).toBe(1);
      expect(parent.ancestry.at(-1)).toEqual({ pid: parent.pid, comm: parent.comm });
      const { stdout } = await lab.exec(`pstree -s -p ${parent.pid}`);
      const tree = parsePstree(stdout);
      expect(tree.ok).toBe(true);
      if (!tree.ok) continue;
      expect(pstreeAncestry(tree.value, parent.pid)?.map((s) => s.pid)).toEqual(parent.ancestry.map((s) => s.pid));
    }
    const deepest = Math.max(...first.parents.map((p) => p.ancestry.length));
    expect(deepest).toBeGreaterThanOrEqual(5);
  });

  it("answers before ps and pstree run, then stores what they bring: users, command lines, pstree -s -p's view of the top parents, with the exact commands", async () => {
    expect([first.psPending, first.pstreePending]).toEqual([true, true]);
    expect(first.processes.every((p) => p.user === "?" && p.cpu === null)).toBe(true);
    const pstreeStep = first.commands[3] ?? "";
    expect(pstreeStep).toContain(`for pid in ${first.parents.map((p) => p.pid).join(" ")}; do`);
    expect(first.commands[2]).toContain("ps -A -ww -o pid=,user:32=,stat=,pcpu=,rss=,args=");
    settled = await settledScan(api, first);
    expect([settled.psPending, settled.pstreePending]).toEqual([undefined, undefined]);
    expect(settled.commands).toEqual(first.commands);
    expect(settled.summary).toEqual(first.summary);
    expect(settled.processes.find((p) => p.pid === 1)).toMatchObject({ user: "root", args: expect.stringMatching(/\S/) });
    expect(settled.users?.length).toBeGreaterThan(0);
    for (const parent of settled.parents) {
      const tree = parsePstree(parent.pstree ?? "");
      if (!tree.ok) throw new Error(`pstree of ${parent.comm}: ${tree.error}`);
      expect(pstreeAncestry(tree.value, parent.pid)?.map((s) => s.pid)).toEqual(parent.ancestry.map((s) => s.pid));
    }
  });

  it("leaves its own processes out: the SSH session, timeout, its shells, ps and awk", () => {
    const own = settled.processes.filter((p) => /^sshd: root(@notty| \[priv\])/.test(p.args) || p.comm === "timeout" || p.args.includes("@@reaper") || ["ps", "awk", "mawk"].includes(p.comm));
    expect(own).toEqual([]);
    expect(settled.processes.some((p) => p.comm === "sshd")).toBe(true);
  });

  it("fills the summary from the server's own figures", () => {
    expect(first.summary.processes).toBe(first.processes.length);
    expect(first.summary.pidsInUse).toBeGreaterThanOrEqual(first.summary.processes);
    expect(first.summary.pidMax).toBeGreaterThan(1000);
    expect(first.summary.loadAvg).toHaveLength(3);
    expect(first.commands.length).toBeGreaterThan(0);
  });

  it("keeps odd names exactly", () => {
    expect(first.parents.map((p) => p.comm)).toContain("web worker)");
  });

  it("pins the host key it first saw", async () => {
    const after = await api.call<Server>("GET", `/api/servers/${server.id}`);
    expect(after.body.hostKeyFingerprint).toBe(lab.hostKeyFingerprint);
    expect(after.body.lastScan?.id).toBe(first.id);
  });

  it("a second scan reuses the open SSH connection", async () => {
    const before = await sshdSessions(lab);
    expect((await scan(server.id)).status).toBe(201);
    expect(await sshdSessions(lab)).toBe(before);
  });

  it("keeps every scan as history, newest first, and serves each by id", async () => {
    const list = await api.call<{ scans: { id: string; startedAt: string }[] }>("GET", `/api/servers/${server.id}/scans?limit=10`);
    expect(list.body.scans.length).toBeGreaterThanOrEqual(2);
    expect(list.body.scans.at(-1)?.id).toBe(first.id);
    const again = await api.call<Scan>("GET", `/api/scans/${first.id}`);
    expect(again.body.zombies).toEqual(settled.zombies);
  });
});

describe("nothing typed by a user reaches a shell", () => {
  it("runs the same fixed commands whatever the server's fields hold", async () => {
    const hostile = await addServer(lab, { name: "$(touch /tmp/reaper-pwned) `id` ; rm -rf /" });
    const res = await scan(hostile.id);
    expect(res.status).toBe(201);
    const { stdout } = await lab.exec("test -e /tmp/reaper-pwned && echo yes || echo no");
    expect(stdout.trim()).toBe("no");
    for (const c of res.body.commands) expect(c).not.toMatch(/reaper-pwned|rm -rf/);
  });
});

describe("connection failures through the API", () => {
  it("a closed port answers 502 SSH_UNREACHABLE", async () => {
    const s = await addServer(lab, { name: "closed", port: await closedPort() });
    const res = await scan(s.id);
    expect([res.status, res.body.error.code]).toEqual([502, "SSH_UNREACHABLE"]);
  });

  it("a silent port answers 504 SSH_TIMEOUT, decided by the configured connect limit", async () => {
    const silent = await silentPort();
    const s = await addServer(lab, { name: "silent", port: silent.port });
    const started = Date.now();
    const res = await scan(s.id);
    silent.close();
    expect([res.status, res.body.error.code]).toEqual([504, "SSH_TIMEOUT"]);
    expect(res.body.error.message).toMatch(/did not complete the SSH handshake in time/);
    // Not before the limit (2 s here); how long after it depends on the machine's load, so no upper bound.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  });
});

describe("host key changes", () => {
  it("refuses with 409 HOST_KEY_MISMATCH naming both keys until staff pin the new one", async () => {
    const l = await startLabServer({ name: "rotating", scenario: { parents: [{ comm: "httpd", zombies: 1 }] } });
    try {
      const s = await addServer(l);
      expect((await scan(s.id)).status).toBe(201);
      const oldKey = l.hostKeyFingerprint;
      const newKey = await l.rotateHostKey();
      // A reinstalled server drops its sessions too; the next connection meets the new key.
      await l.exec("pkill -f '^sshd: root@notty' || true");
      // The pooled connection may not have heard yet that its session died: a scan sent on it is
      // lost (502, outcome unknown) and the pool drops it; the next one meets the new key.
      let refused = await scan(s.id);
      if (refused.status === 502) {
        expect(refused.body.error).toMatchObject({ code: "SSH_UNREACHABLE", outcome: "unknown" });
        refused = await scan(s.id);
      }
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: "HOST_KEY_MISMATCH", pinned: oldKey, presented: newKey });
      expect(refused.body.error.message).toContain(oldKey);
      expect(refused.body.error.message).toContain(newKey);
      const pinned = await api.call<Server>("POST", `/api/servers/${s.id}/host-key`, { fingerprint: newKey });
      expect(pinned.body.hostKeyFingerprint).toBe(newKey);
      expect((await scan(s.id)).status).toBe(201);
    } finally {
      await l.stop();
    }
  });
});

describe("servers without procps or pstree", () => {
  it.each([
    ["no pstree installed", { pstree: false }, /pstree/],
    ["busybox ps and awk (Alpine)", { toolset: "busybox" as const }, null],
  ])("%s: the scan is still exact", async (_, options, note) => {
    const l = await startLabServer({ name: "odd-tools", ...options, scenario: { parents: [{ comm: "httpd", zombies: 4 }], chainDepth: 3 } });
    try {
      const res = await scan((await addServer(l)).id);
      expect(res.status).toBe(201);
      expect(res.body.summary.zombies).toBe(l.expected.zombies);
      expect(res.body.parents.map((p) => [p.comm, p.zombieCount])).toEqual(expect.arrayContaining([["httpd", 4]]));
      expect(res.body.parents[0]?.ancestry[0]?.pid).toBe(1);
      if (note) expect((await settledScan(api, res.body)).notes.join(" ")).toMatch(note);
    } finally {
      await l.stop();
    }
  });
});
