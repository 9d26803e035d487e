import { existsSync, readFileSync } from "node:fs";
import { readlink } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { DEEP_CHAIN, generateClientKey, startLabServer, type LabScenario, type LabServer, type LabServerOptions } from "@/lab";
import { labLeftovers, ticksSinceBoot } from "@/lab/proc-scan";
import { sleep } from "@/lab/run";
import { zombieParentPid } from "@/tests/lab/lab-truth";
import { needs } from "@/tests/support/needs";
import { parsePs, sshExec, withSsh, zombieLayout, type PsRow } from "@/tests/lab/ssh-client";

const PS = "LC_ALL=C.UTF-8 ps -A -o pid=,ppid=,stat=,comm=";

const started: LabServer[] = [];
const timings = { startMs: [] as number[], stopMs: [] as number[] };

async function lab(opts: LabServerOptions): Promise<LabServer> {
  const t0 = performance.now();
  const server = await startLabServer(opts);
  timings.startMs.push(Math.round(performance.now() - t0));
  started.push(server);
  return server;
}

async function stop(server: LabServer): Promise<void> {
  const t0 = performance.now();
  await server.stop();
  timings.stopMs.push(Math.round(performance.now() - t0));
}

afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
  console.log(`lab timings (ms): start ${timings.startMs.join(", ")}; stop ${timings.stopMs.join(", ")}`);
});

const rootAuth = (server: LabServer) => ({ username: server.username, privateKey: server.privateKey });
const ps = (server: LabServer): Promise<PsRow[]> =>
  withSsh(server.port, server.hostKeyFingerprint, rootAuth(server), async (client) => parsePs((await sshExec(client, PS)).stdout));

describe("scenarios make exactly the expected zombies, seen over SSH", () => {
  const cases: { name: string; scenario: LabScenario; fillers: number }[] = [
    { name: "httpd with php5.cgi zombies, php-fpm", scenario: { parents: [{ comm: "httpd", zombies: 40, childComm: "php5.cgi" }, { comm: "php-fpm", zombies: 3 }] }, fillers: 0 },
    { name: "odd names and a deep chain", scenario: { parents: [{ comm: "web worker)", zombies: 5, childComm: "wörker-ü" }, { comm: "a b  c", zombies: 1 }], chainDepth: 6 }, fillers: 0 },
    { name: "healthy with fillers", scenario: { fillerProcesses: 2000 }, fillers: 2000 },
    { name: "same name twice", scenario: { parents: [{ comm: "httpd", zombies: 2 }, { comm: "httpd", zombies: 5 }] }, fillers: 0 },
  ];
  it.each(cases)("$name", async ({ scenario, fillers }) => {
    const server = await lab({ scenario });
    const rows = await ps(server);
    const expected = server.expected.parents.map((p) => `${p.comm}:${p.zombies}`).sort();
    expect(zombieLayout(rows)).toEqual(expected);
    expect(rows.filter((row) => row.stat.startsWith("Z")).length).toBe(server.expected.zombies);
    expect(rows.filter((row) => row.comm === "sleep" && row.ppid === 1 && !row.stat.startsWith("Z")).length).toBeGreaterThanOrEqual(fillers);
    await stop(server);
  });

  it("nests the deep chain chainDepth levels below PID 1, with odd names", async () => {
    const server = await lab({ scenario: { chainDepth: 6 } });
    const rows = await ps(server);
    const byPid = new Map(rows.map((row) => [row.pid, row]));
    const names: string[] = [];
    for (let row = rows.find((r) => r.comm === DEEP_CHAIN.comm); row && row.pid !== 1; row = byPid.get(row.ppid)) names.unshift(row.comm);
    expect(names).toEqual(["web worker)", "wörker-ü", "queue runner 2", "((nested))", "web worker)", "deep-chain"]);
    const pstree = await server.exec("pstree -p 1");
    expect(pstree.stdout).toContain("deep-chain");
    const deepChain = { comm: "deep-chain", zombies: DEEP_CHAIN.zombies, childComm: DEEP_CHAIN.childComm, liveChildren: 0, user: "root", childUser: "root", onSigchld: "default", nprocLimit: null, pidsMax: null };
    expect(server.expected).toEqual({ parents: [deepChain], zombies: DEEP_CHAIN.zombies });
  });
});

describe("logins", () => {
  it("lets the password user log in and see the namespace's zombies", async () => {
    const server = await lab({ scenario: { parents: [{ comm: "httpd", zombies: 4 }] } });
    const { username, password } = server.passwordUser;
    const result = await withSsh(server.port, server.hostKeyFingerprint, { username, password }, async (client) => ({
      who: (await sshExec(client, "id -un")).stdout.trim(),
      rows: parsePs((await sshExec(client, PS)).stdout),
    }));
    expect(result.who).toBe(username);
    expect(zombieLayout(result.rows)).toEqual(["httpd:4"]);
  });

  let keyServer: LabServer | undefined;
  it.each([
    { type: "ed25519" as const, passphrase: undefined },
    { type: "rsa" as const, passphrase: undefined },
    { type: "ecdsa" as const, passphrase: "lab secret" },
  ])("accepts an authorised $type client key", async ({ type, passphrase }) => {
    keyServer ??= await lab({});
    const server = keyServer;
    const key = await generateClientKey(type, passphrase);
    await server.authorizeKey(key.publicKey);
    const who = await withSsh(server.port, server.hostKeyFingerprint, { username: "root", privateKey: key.privateKey, passphrase }, async (client) =>
      (await sshExec(client, "id -un")).stdout.trim(),
    );
    expect(who).toBe("root");
  });

  it("rotates the host key on the same port", async () => {
    const server = await lab({});
    const before = server.hostKeyFingerprint;
    const after = await server.rotateHostKey();
    expect(after).not.toBe(before);
    expect(server.hostKeyFingerprint).toBe(after);
    await expect(withSsh(server.port, before, rootAuth(server), async () => "connected")).rejects.toThrow();
    expect(await withSsh(server.port, after, rootAuth(server), async () => "connected")).toBe("connected");
  });
});

describe("the SSH session's tools", () => {
  const cases = [
    { toolset: "procps" as const, pstree: true, ps: "/usr/bin/ps", hasPstree: true },
    { toolset: "procps" as const, pstree: false, ps: "/usr/bin/ps", hasPstree: false },
    { toolset: "busybox" as const, pstree: true, ps: "/usr/bin/busybox", hasPstree: true },
    { toolset: "busybox" as const, pstree: false, ps: "/usr/bin/busybox", hasPstree: false },
  ];
  it.each(cases)("toolset $toolset, pstree $pstree", async ({ toolset, pstree, ps: psBinary, hasPstree }) => {
    const server = await lab({ toolset, pstree, scenario: { parents: [{ comm: "httpd", zombies: 3 }] } });
    const sessionPath = { procps: [] as string[], busybox: ["/busybox-bin:"] }[toolset].concat(pstree ? ["/usr/bin"] : ["/path-without-pstree"]);
    const session = await withSsh(server.port, server.hostKeyFingerprint, rootAuth(server), async (client) => ({
      ps: (await sshExec(client, 'readlink -f "$(command -v ps)"')).stdout.trim(),
      pstree: (await sshExec(client, "command -v pstree")).code,
      awk: (await sshExec(client, 'readlink -f "$(command -v awk)"')).stdout.trim(),
      path: (await sshExec(client, "echo $PATH")).stdout.trim(),
      zombies: (await sshExec(client, "ps -o stat,comm | grep -c '^Z'")).stdout.trim(),
    }));
    // sshd's SetEnv PATH reaches the session
    for (const part of sessionPath) expect(session.path).toContain(part);
    expect(session.ps).toBe(psBinary);
    expect(session.pstree === 0).toBe(hasPstree);
    if (toolset === "busybox") expect(session.awk).toBe("/usr/bin/busybox");
    expect(session.zombies).toBe("3");
    // exec() keeps the real tools either way
    expect((await server.exec("command -v pstree")).code).toBe(0);
  });
});

describe("PID 1", () => {
  const cases = [
    { init: "non-reaping" as const, zombiesUnderInit: 4 }, // httpd itself and its 3 orphans
    { init: "tini" as const, zombiesUnderInit: 0 },
  ];
  it.each(cases)("$init: orphans of a killed parent leave $zombiesUnderInit zombies under PID 1", async ({ init, zombiesUnderInit }) => {
    const server = await lab({ init, scenario: { parents: [{ comm: "httpd", zombies: 3 }] } });
    // Not `pgrep -x httpd`: that also lists its zombies, which tini may reap before kill reaches them.
    expect((await server.exec(`kill -KILL ${await zombieParentPid(server, "httpd")}`)).code).toBe(0);
    const underInit = async () => (await ps(server)).filter((row) => row.ppid === 1 && row.stat.startsWith("Z")).length;
    let count = await underInit();
    for (let i = 0; i < 50 && count !== zombiesUnderInit; i++) {
      await sleep(20);
      count = await underInit();
    }
    await sleep(100); // and it stays that way
    expect(await underInit()).toBe(zombiesUnderInit);
  });
});

describe("proc: host", () => {
  const kthreadd = (() => {
    try {
      return readFileSync("/proc/2/comm", "utf8").trim() === "kthreadd";
    } catch {
      return false;
    }
  })();
  it.runIf(needs(kthreadd))("the SSH session sees the machine's processes: kthreadd as PID 2, the lab's under their host PIDs", async () => {
    // A name of its own: other labs on this machine have httpd zombies too, and they are all visible.
    const server = await lab({ proc: "host", scenario: { parents: [{ comm: "hostview-probe", zombies: 2 }] } });
    const rows = await ps(server);
    expect(rows.find((row) => row.pid === 2)?.comm).toBe("kthreadd");
    expect(rows.find((row) => row.pid === server.initPid)?.comm).toBe("tini");
    expect(rows.filter((row) => row.comm === "hostview-probe" && row.stat.startsWith("Z"))).toHaveLength(2);
  });
});

describe("signal behaviour of zombie parents", () => {
  it("reap, reap-one, block, default and ignore-TERM parents answer signals as named", async () => {
    const server = await lab({
      scenario: {
        parents: [
          { comm: "reaps", zombies: 3, onSigchld: "reap", childComm: "child" },
          { comm: "reaps-one", zombies: 3, onSigchld: "reap-one", childComm: "child" },
          { comm: "blocks", zombies: 3, onSigchld: "block", childComm: "child" },
          { comm: "default", zombies: 3, childComm: "child" },
          { comm: "no-term", zombies: 2, onSigterm: "ignore", childComm: "child" },
        ],
      },
    });
    // The handlers exist only once the zombies do: all of them are still there at start. (The
    // zombies are named "child" so that pgrep finds the parents only.)
    expect(zombieLayout(await ps(server))).toEqual(["blocks:3", "default:3", "no-term:2", "reaps-one:3", "reaps:3"]);
    for (const comm of ["reaps", "reaps-one", "blocks", "default"]) expect((await server.exec(`kill -s CHLD $(pgrep -x ${comm})`)).code).toBe(0);
    expect((await server.exec("kill -s TERM $(pgrep -x no-term)")).code).toBe(0);
    await sleep(200);
    const rows = await ps(server);
    expect(zombieLayout(rows)).toEqual(["blocks:3", "default:3", "no-term:2", "reaps-one:2"]);
    expect(rows.some((row) => row.comm === "no-term" && !row.stat.startsWith("Z"))).toBe(true);
    await stop(server);
  });

  it.each([
    ["passwordless", 0, "root"],
    ["password-required", 1, "sudo: a password is required"],
  ] as const)("a %s sudo on the session PATH", async (sudo, code, text) => {
    const server = await lab({ sudo });
    const out = await withSsh(server.port, server.hostKeyFingerprint, rootAuth(server), async (client) => sshExec(client, "sudo -n id -un"));
    expect(out.code).toBe(code);
    expect(`${out.stdout}${out.stderr}`).toContain(text);
    await stop(server);
  });
});

describe("stop", () => {
  it.each([{ init: "tini" as const }, { init: "non-reaping" as const }])("leaves no process and no files ($init)", async ({ init }) => {
    const server = await lab({ init, scenario: { parents: [{ comm: "httpd", zombies: 5 }], chainDepth: 3, fillerProcesses: 100 } });
    const dir = await readlink(`/proc/${server.initPid}/cwd`);
    const namespace = await readlink(`/proc/${server.initPid}/ns/pid`);
    expect(dir).toMatch(/reaper-lab-/);
    // a stray background process started inside, and an open SSH connection
    await server.exec("sleep 300 >/dev/null 2>&1 &");
    // Labs running at the same time may be given this namespace's identity once it is gone: only
    // processes started before the stop can be this lab's.
    let startedBy = 0;
    await withSsh(server.port, server.hostKeyFingerprint, rootAuth(server), async () => {
      expect((await labLeftovers(namespace, dir)).length).toBeGreaterThan(100);
      startedBy = await ticksSinceBoot();
      await stop(server);
    });
    expect(await labLeftovers(namespace, dir, startedBy)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(`/proc/${server.initPid}`)).toBe(false);
  });
});
