import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateClientKey } from "@/lab/keys";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";

// Where servers may be: REAPER_ALLOWED_NETWORKS, and the cloud metadata address refused unless
// listed. Every refusal here comes from validation: no test sends a packet to a refused address
// (the one listener below is on loopback, and proves that nothing connected to it).
/** Tests that start an app of their own: a start takes seconds on a busy machine. */
const STARTS_APP = 120_000;
type ErrorBody = { error: { code: string; message: string; field?: string } };
type ServerBody = { id: string; host: string };

let privateKey: string;
const apps: AppServer[] = [];

beforeAll(async () => {
  privateKey = (await generateClientKey("ed25519")).privateKey;
});
afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop()));
});

async function appWith(env: Record<string, string>, dataDir?: string): Promise<{ app: AppServer; admin: ApiClient }> {
  const app = await startApp(env, dataDir ? { dataDir } : {});
  apps.push(app);
  return { app, admin: await ApiClient.login(app) };
}

const serverAt = (host: string, port = 22) => ({ name: `at-${host}`.slice(0, 100).replace(/[^A-Za-z0-9.-]/g, "-"), host, port, username: "deploy", privateKey });

/** A loopback port that counts the connections it gets (it should get none). */
async function countingListener(): Promise<{ port: number; connections: () => number; close: () => void }> {
  let count = 0;
  const server = net.createServer((s) => {
    count++;
    s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { port: (server.address() as net.AddressInfo).port, connections: () => count, close: () => server.close() };
}

describe("without REAPER_ALLOWED_NETWORKS", () => {
  let admin: ApiClient;
  beforeAll(async () => {
    ({ admin } = await appWith({}));
  });

  it.each(["169.254.169.254", "0xa9fea9fe", "2852039166", "169.254.43518", "0251.0376.0251.0376", "::ffff:169.254.169.254", "fd00:ec2::254"])(
    "the cloud metadata address written as %s is refused, naming host",
    async (host) => {
      const res = await admin.call<ErrorBody>("POST", "/api/servers", serverAt(host));
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: "VALIDATION", field: "host", message: expect.stringMatching(/^host: .*(169\.254\.169\.254|fd00:ec2::254) is a cloud metadata service, not a server\. Reaper connects to it only when REAPER_ALLOWED_NETWORKS lists it\./) });
    },
  );

  it("...and cannot be moved there by an edit", async () => {
    const created = await admin.call<ServerBody>("POST", "/api/servers", serverAt("127.0.0.1"));
    expect(created.status).toBe(201);
    const res = await admin.call<ErrorBody>("PATCH", `/api/servers/${created.body.id}`, { host: "169.254.169.254" });
    expect([res.status, res.body.error.field]).toEqual([400, "host"]);
    expect((await admin.call<ServerBody>("GET", `/api/servers/${created.body.id}`)).body.host).toBe("127.0.0.1");
  });

  it.each([
    ["0x7f000001", "127.0.0.1"],
    ["2130706433", "127.0.0.1"],
    ["0177.0.0.1", "127.0.0.1"],
    ["127.1", "127.0.0.1"],
  ])("any other address is allowed; the numeric form %s is stored as %s, the address it stands for", async (host, stored) => {
    const res = await admin.call<ServerBody>("POST", "/api/servers", serverAt(host));
    expect(res.status).toBe(201);
    expect(res.body.host).toBe(stored);
  });
});

describe("with REAPER_ALLOWED_NETWORKS=10.213.0.0/16,192.168.77.0/24", () => {
  let admin: ApiClient;
  beforeAll(async () => {
    ({ admin } = await appWith({ REAPER_ALLOWED_NETWORKS: "10.213.0.0/16, 192.168.77.0/24" }));
  });

  it.each([
    ["127.0.0.1", "127.0.0.1 is outside"],
    ["0x7f000001", "127.0.0.1 is outside"],
    ["127.1", "127.0.0.1 is outside"],
    ["localhost", "localhost resolves to (127.0.0.1|::1), which is outside"],
    ["::1", "::1 is outside"],
    ["10.214.0.1", "10.214.0.1 is outside"],
    ["169.254.169.254", "169.254.169.254 is outside"],
  ])("%s is refused: %s the networks servers may be in", async (host, said) => {
    const res = await admin.call<ErrorBody>("POST", "/api/servers", serverAt(host));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "VALIDATION", field: "host" });
    expect(res.body.error.message).toMatch(new RegExp(`^host: ${said} the networks servers may be in \\(REAPER_ALLOWED_NETWORKS\\)`));
  });

  it("a name that does not resolve cannot be checked, so it is refused", async () => {
    const res = await admin.call<ErrorBody>("POST", "/api/servers", serverAt("no-such-host.invalid"));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^host: no-such-host\.invalid does not resolve here/);
  });

  it.each(["10.213.7.9", "192.168.77.200"])("%s, inside a listed network, is allowed", async (host) => {
    expect((await admin.call("POST", "/api/servers", serverAt(host))).status).toBe(201);
  });

  it("nothing refused was stored", async () => {
    const hosts = (await admin.call<{ servers: ServerBody[] }>("GET", "/api/servers")).body.servers.map((s) => s.host).sort();
    expect(hosts).toEqual(["10.213.7.9", "192.168.77.200"]);
  });

  it("a listed metadata network lets the metadata address in: listing it is the operator's choice", async () => {
    const { admin: other } = await appWith({ REAPER_ALLOWED_NETWORKS: "169.254.169.254/32" });
    expect((await other.call("POST", "/api/servers", serverAt("169.254.169.254"))).status).toBe(201);
  }, STARTS_APP);
});

describe("a server saved before the list was set", () => {
  it("is refused at the connection, before a packet is sent: by address and by a name resolved then", async () => {
    const listener = await countingListener();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "reaper-test-data-"));
    let second: AppServer | undefined;
    try {
      const first = await appWith({}, dataDir);
      const byAddress = await first.admin.call<ServerBody>("POST", "/api/servers", serverAt("127.0.0.1", listener.port));
      const byName = await first.admin.call<ServerBody>("POST", "/api/servers", serverAt("localhost", listener.port));
      expect([byAddress.status, byName.status]).toEqual([201, 201]);
      await first.app.stop();

      const restarted = await appWith({ REAPER_ALLOWED_NETWORKS: "10.213.0.0/16" }, dataDir);
      second = restarted.app;
      const admin = restarted.admin;
      for (const [server, said] of [
        [byAddress.body, /^host: 127\.0\.0\.1 is outside the networks servers may be in/],
        [byName.body, /^host: localhost resolves to (127\.0\.0\.1|::1), which is outside the networks servers may be in/],
      ] as const) {
        const scan = await admin.call<ErrorBody>("POST", `/api/servers/${server.id}/scans`);
        expect(scan.status).toBe(400);
        expect(scan.body.error).toMatchObject({ code: "VALIDATION", field: "host", message: expect.stringMatching(said) });
      }
      expect(listener.connections()).toBe(0);
    } finally {
      listener.close();
      await second?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, STARTS_APP);
});

describe("a list that is not CIDRs", () => {
  it("stops the app at start, naming the variable and the bad entry", async () => {
    await expect(startApp({ REAPER_ALLOWED_NETWORKS: "10.0.0.0/8,not-a-network,10.0.0.0/33" })).rejects.toThrow(
      /REAPER_ALLOWED_NETWORKS: not-a-network, 10\.0\.0\.0\/33: each entry must be an IPv4 or IPv6 network in CIDR form/,
    );
  }, STARTS_APP);
});
