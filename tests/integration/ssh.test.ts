import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/shared/errors/app-error";
import { generateClientKey, startLabServer, type LabServer } from "@/lab";
import { SshPool } from "@/lib/server/ssh/pool";
import type { SshLimits, SshTarget } from "@/lib/server/ssh/types";
import { closedPort, silentPort } from "@/tests/support/ports";

// lib/ssh against a real OpenSSH sshd on loopback: auth, pinning, limits and reuse.
const limits: SshLimits & { label: string } = { connectTimeoutMs: 3_000, commandTimeoutMs: 5_000, maxOutputBytes: 1024 * 1024, label: "The test command" };

let lab: LabServer;
let pool: SshPool;

beforeAll(async () => {
  lab = await startLabServer({ name: "ssh-test" });
  pool = new SshPool(60_000);
});
afterAll(async () => {
  pool?.closeAll();
  await lab?.stop();
});

const rootTarget = (over: Partial<SshTarget> = {}): SshTarget => ({
  host: lab.host,
  port: lab.port,
  username: lab.username,
  privateKey: lab.privateKey,
  hostKeyFingerprint: lab.hostKeyFingerprint,
  ...over,
});

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("expected a failure");
}

describe("authentication", () => {
  it.each([
    ["ed25519", ""],
    ["rsa", ""],
    ["ecdsa", ""],
    ["ed25519", "a passphrase"],
  ] as const)("logs in with an %s key (passphrase %j)", async (type, passphrase) => {
    const key = await generateClientKey(type, passphrase || undefined);
    await lab.authorizeKey(key.publicKey);
    const res = await pool.run(rootTarget({ privateKey: key.privateKey, passphrase: passphrase || undefined }), "echo ok", limits);
    expect(res.stdout).toBe("ok\n");
    expect(res.code).toBe(0);
  });

  it("logs in with a password", async () => {
    const { username, password } = lab.passwordUser;
    const res = await pool.run(rootTarget({ username, password, privateKey: undefined }), "id -un", limits);
    expect(res.stdout.trim()).toBe(username);
  });

  it("a key the server does not know is SSH_AUTH_FAILED", async () => {
    const stranger = await generateClientKey("ed25519");
    expect((await codeOf(pool.run(rootTarget({ privateKey: stranger.privateKey }), "true", limits))).code).toBe("SSH_AUTH_FAILED");
  });

  it("a wrong password is SSH_AUTH_FAILED", async () => {
    const target = rootTarget({ username: lab.passwordUser.username, password: "wrong-password", privateKey: undefined });
    expect((await codeOf(pool.run(target, "true", limits))).code).toBe("SSH_AUTH_FAILED");
  });
});

describe("host keys", () => {
  it("reports the presented fingerprint in OpenSSH's form", async () => {
    const res = await pool.run(rootTarget({ hostKeyFingerprint: null }), "true", limits);
    expect(res.hostKeyFingerprint).toBe(lab.hostKeyFingerprint);
    expect(res.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it("a different pinned key is HOST_KEY_MISMATCH naming both, and nothing runs", async () => {
    const marker = path.join(os.tmpdir(), `reaper-mismatch-${process.pid}`);
    fs.rmSync(marker, { force: true });
    const pinned = `SHA256:${"A".repeat(43)}`;
    const failure = await codeOf(pool.run(rootTarget({ hostKeyFingerprint: pinned }), `touch ${marker}`, limits));
    expect(failure.code).toBe("HOST_KEY_MISMATCH");
    expect(failure.message).toContain(pinned);
    expect(failure.message).toContain(lab.hostKeyFingerprint);
    expect(fs.existsSync(marker)).toBe(false);
  });
});

describe("failures are answered within their limits", () => {
  it("a closed port is SSH_UNREACHABLE", async () => {
    expect((await codeOf(pool.run(rootTarget({ port: await closedPort() }), "true", limits))).code).toBe("SSH_UNREACHABLE");
  });

  // Behaviour, not wall-clock bounds (a loaded 2-core machine stretches any figure): which limit
  // decided shows in the message, and the answer cannot come before that limit.
  it("a port that accepts TCP and never speaks is SSH_TIMEOUT, decided by the connect limit", async () => {
    const silent = await silentPort();
    const started = Date.now();
    const failure = await codeOf(pool.run(rootTarget({ port: silent.port }), "true", { ...limits, connectTimeoutMs: 1_500 }));
    const elapsed = Date.now() - started;
    silent.close();
    expect(failure.code).toBe("SSH_TIMEOUT");
    expect(failure.message).toMatch(/did not complete the SSH handshake in time/);
    expect(elapsed).toBeGreaterThanOrEqual(1_400);
  });

  it("a command that outlives the command limit is SSH_TIMEOUT, decided by the client's deadline", async () => {
    const started = Date.now();
    const failure = await codeOf(pool.run(rootTarget(), "sleep 5", { ...limits, commandTimeoutMs: 800 }));
    expect(failure.code).toBe("SSH_TIMEOUT");
    expect(failure.message).toBe("The test command did not finish within 800 ms. The server may be overloaded or frozen; try again.");
    expect(Date.now() - started).toBeGreaterThanOrEqual(790);
  });

  it("output over the byte cap is COMMAND_FAILED", async () => {
    const failure = await codeOf(pool.run(rootTarget(), "head -c 300000 /dev/zero", { ...limits, maxOutputBytes: 65_536 }));
    expect(failure.code).toBe("COMMAND_FAILED");
    expect(failure.message).toMatch(/65536 bytes/);
  });
});

describe("connection reuse", () => {
  it("a second command rides the first one's authenticated connection", async () => {
    const fresh = new SshPool(60_000);
    try {
      const first = await fresh.run(rootTarget(), "echo $PPID", limits);
      const second = await fresh.run(rootTarget(), "echo $PPID", limits);
      expect(first.reused).toBe(false);
      expect(second.reused).toBe(true);
      expect(fresh.size()).toBe(1);
    } finally {
      fresh.closeAll();
    }
  });

  it("runs concurrent commands on one connection past sshd's channel limit", async () => {
    const fresh = new SshPool(60_000);
    try {
      const outs = await Promise.all(Array.from({ length: 16 }, (_, i) => fresh.run(rootTarget(), `echo ${i}`, limits)));
      expect(outs.map((o) => Number(o.stdout))).toEqual(Array.from({ length: 16 }, (_, i) => i));
      expect(fresh.size()).toBe(1);
    } finally {
      fresh.closeAll();
    }
  });

  it("editing credentials never reuses the old session", async () => {
    const fresh = new SshPool(60_000);
    try {
      await fresh.run(rootTarget(), "true", limits);
      const stranger = await generateClientKey("ed25519");
      expect((await codeOf(fresh.run(rootTarget({ privateKey: stranger.privateKey }), "true", limits))).code).toBe("SSH_AUTH_FAILED");
    } finally {
      fresh.closeAll();
    }
  });
});

describe("pinning on an open connection", () => {
  it("a connection made before the pin is reused when the pin matches, and dropped when it does not", async () => {
    const fresh = new SshPool(60_000);
    try {
      await fresh.run(rootTarget({ hostKeyFingerprint: null }), "true", limits);
      expect((await fresh.run(rootTarget(), "true", limits)).reused).toBe(true);
      const failure = await codeOf(fresh.run(rootTarget({ hostKeyFingerprint: `SHA256:${"C".repeat(43)}` }), "true", limits));
      expect(failure.code).toBe("HOST_KEY_MISMATCH");
    } finally {
      fresh.closeAll();
    }
  });
});
