import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import type { Action } from "@/lib/shared/actions/types";
import type { AuditEvent } from "@/lib/shared/audit/types";
import type { Scan } from "@/lib/shared/scan/types";
import type { NewSnapshot, SnapshotInfo } from "@/lib/shared/snapshots/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { pngSize } from "@/tests/support/png";
import { buildWorld, type World } from "@/tests/support/world";

// Share to ticket against a real lab server and the real built app: who may share and revoke, what
// the public page holds (and never holds), how dead links answer, views, the audit trail, and the
// cached picture.
type ErrorBody = { error: { code: string; message: string } };

let app: AppServer;
let lab: LabServer;
let w: World;
let scan: Scan;

beforeAll(async () => {
  [app, lab] = await Promise.all([startApp(), startLabServer({ name: "snapshots", scenario: { parents: [{ comm: "php-fpm", zombies: 3 }] } })]);
  w = await buildWorld(app, lab);
  scan = w.scanA;
}, 120_000);
afterAll(async () => {
  await Promise.all([app?.stop(), lab?.stop()]);
});

const share = (client: ApiClient, body: Record<string, unknown>) => client.call<NewSnapshot & ErrorBody>("POST", "/api/snapshots", body);
const open = (pathname: string) => fetch(`${app.baseUrl}${pathname}`, { redirect: "manual" });
/** fetch sets Host itself; node:http sends the one asked for, as a reverse proxy would. */
const openWithHost = (pathname: string, host: string) =>
  new Promise<string>((resolve, reject) => {
    http.get(`${app.baseUrl}${pathname}`, { headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    }).on("error", reject);
  });
const listOf = async (client: ApiClient) => (await client.call<{ snapshots: SnapshotInfo[] }>("GET", `/api/snapshots?serverId=${w.serverA.id}`)).body.snapshots;
const snapshotEvents = async () => (await w.clients.admin.call<{ events: AuditEvent[] }>("GET", `/api/audit?serverId=${w.serverA.id}&limit=200`)).body.events.filter((e) => e.kind === "snapshot");

describe("sharing a scan", () => {
  it("answers the link once, unguessable and URL-safe, with absolute links and snippets", async () => {
    const res = await share(w.clients.agent, { scanId: scan.id, ticket: "ZD-4711" });
    expect(res.status).toBe(201);
    const s = res.body;
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.url).toBe(`/s/${s.token}`);
    expect(s.imageUrl).toBe(`/s/${s.token}/image.png`);
    expect(s.absoluteUrl).toBe(`${app.baseUrl}/s/${s.token}`);
    expect(s.snippets.markdown.startsWith("[![Reaper snapshot of ")).toBe(true);
    expect(s.snippets.markdown.endsWith(`](${s.absoluteImageUrl})](${s.absoluteUrl})`)).toBe(true);
    expect(s.snippets.html).toContain(`<a href="${s.absoluteUrl}"><img src="${s.absoluteImageUrl}"`);
    const expires = Date.parse(s.expiresAt) - Date.now();
    expect(expires).toBeGreaterThan(29.9 * 86_400_000);
    expect(expires).toBeLessThanOrEqual(30 * 86_400_000);
    const listed = (await listOf(w.clients.agent)).find((x) => x.id === s.id);
    expect(listed).toMatchObject({ ticket: "ZD-4711", status: "active", views: 0, createdBy: { email: w.people.agent.email } });
    expect(JSON.stringify(listed)).not.toContain(s.token);
  });

  it.each([
    [{}, "scanId"],
    [{ scanId: "scn_nope", expiresInDays: 366 }, "expiresInDays"],
    [{ scanId: "scn_nope", expiresInDays: 0 }, "expiresInDays"],
    [{ scanId: "scn_nope", expiresInDays: 2.5 }, "expiresInDays"],
    [{ scanId: "scn_nope", ticket: "ZD-1\nInjected: header" }, "ticket"],
  ])("refuses %j naming %s", async (body, field) => {
    const res = await share(w.clients.agent, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION");
    expect(res.body.error.message.startsWith(`${field}:`)).toBe(true);
  });

  it("lets a customer share their own server's scan, and an API token too; not another account's", async () => {
    expect((await share(w.clients.customer, { scanId: scan.id, expiresInDays: 365 })).status).toBe(201);
    const token = await w.freshToken("agent");
    expect((await share(ApiClient.bearer(app, token.token), { scanId: scan.id, ticket: "JIRA-9" })).status).toBe(201);
    const other = await share(w.clients.otherCustomer, { scanId: scan.id });
    expect([other.status, other.body.error.code]).toEqual([404, "NOT_FOUND"]);
    expect((await w.clients.otherCustomer.call("GET", `/api/snapshots?serverId=${w.serverA.id}`)).status).toBe(404);
    expect((await w.clients.agent.call<ErrorBody>("GET", "/api/snapshots")).body.error.message).toMatch(/^serverId:/);
  });
});

describe("the public page", () => {
  it("holds the scan and what was done after it, without login, address or account", async () => {
    const parent = scan.parents.find((p) => p.comm === "php-fpm");
    if (!parent) throw new Error("the lab's parent is missing from the scan");
    const reaped = await w.clients.agent.call<Action>("POST", `/api/servers/${w.serverA.id}/actions`, { action: "reap", pid: parent.pid, startTime: parent.startTime });
    expect(reaped.status).toBe(200);
    const s = (await share(w.clients.agent, { scanId: scan.id, ticket: "ZD-5000" })).body;

    const res = await open(s.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(res.headers.get("set-cookie")).toBeNull();
    const html = await res.text();
    expect(html).toContain(`<h1>${w.serverA.name}</h1>`);
    expect(html).toContain("ZD-5000");
    expect(html).toContain(`php-fpm (${parent.pid})`);
    expect(html).toMatch(/<td>reap <span class="muted">\(SIGCHLD\)<\/span><\/td>/);
    expect(html).toContain("zombies 3 → 3; the parent is still running");
    expect(html).toContain(`<meta property="og:image" content="${s.absoluteImageUrl}">`);
    expect(html).toContain(`<meta property="og:url" content="${s.absoluteUrl}">`);
    for (const hidden of [`${lab.host}:${lab.port}`, `${lab.username}@`, w.serverA.id, scan.id, w.accountA.id, w.people.agent.email]) expect(html).not.toContain(hidden);
  });

  it("builds absolute links from the request's host when REAPER_PUBLIC_URL is not set", async () => {
    const s = (await share(w.clients.agent, { scanId: scan.id })).body;
    const html = await openWithHost(s.url, "tickets.example:8443");
    expect(html).toContain(`<meta property="og:image" content="http://tickets.example:8443/s/${s.token}/image.png">`);
  });

  it("answers 404 for a link that names no snapshot, with a page", async () => {
    for (const token of ["x".repeat(43), "short", "%3Cscript%3E"]) {
      const res = await open(`/s/${token}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain("No snapshot has this link");
      expect((await open(`/s/${token}/image.png`)).status).toBe(404);
    }
  });

  it("counts views and audits the first, not each one", async () => {
    const s = (await share(w.clients.agent, { scanId: scan.id })).body;
    await Promise.all([1, 2, 3, 4].map(() => open(s.url).then((r) => r.text())));
    expect((await listOf(w.clients.agent)).find((x) => x.id === s.id)).toMatchObject({ views: 4 });
    const views = (await snapshotEvents()).filter((e) => e.message.includes("opened"));
    expect(views.filter((e) => e.actor.id === "snapshot-link").length).toBeGreaterThanOrEqual(1);
    const db = new Database(path.join(app.dataDir, "reaper.sqlite"), { readonly: true });
    const events = db.prepare("SELECT detail FROM audit_events WHERE kind = 'snapshot' AND detail LIKE ?").all(`%"view"%${s.id}%`);
    db.close();
    expect(events).toHaveLength(1);
  });
});

describe("the picture", () => {
  it("is a PNG 1200 px wide, rendered once and then answered from the cache", async () => {
    const s = (await share(w.clients.agent, { scanId: scan.id })).body;
    const first = await open(s.imageUrl);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("image/png");
    expect(first.headers.get("x-reaper-cache")).toBe("miss");
    const bytes = Buffer.from(await first.arrayBuffer());
    const size = pngSize(bytes);
    expect(size.width).toBe(1200);
    expect(size.height).toBeGreaterThan(400);
    const second = await open(s.imageUrl);
    expect(second.headers.get("x-reaper-cache")).toBe("hit");
    expect(Buffer.from(await second.arrayBuffer()).equals(bytes)).toBe(true);
  }, 60_000);
});

describe("revoking and expiry", () => {
  it("lets the creator, an agent or an admin revoke; another customer of the account may not revoke staff's links", async () => {
    const staffs = (await share(w.clients.agent, { scanId: scan.id })).body;
    const denied = await w.clients.customer.call<ErrorBody>("DELETE", `/api/snapshots/${staffs.id}`);
    expect([denied.status, denied.body.error.code]).toEqual([403, "FORBIDDEN"]);
    expect((await w.clients.otherCustomer.call("DELETE", `/api/snapshots/${staffs.id}`)).status).toBe(404);
    expect((await open(staffs.url)).status).toBe(200);
    expect((await w.clients.admin.call("DELETE", `/api/snapshots/${staffs.id}`)).status).toBe(204);
    const own = (await share(w.clients.customer, { scanId: scan.id })).body;
    expect((await w.clients.customer.call("DELETE", `/api/snapshots/${own.id}`)).status).toBe(204);
    expect((await w.clients.agent.call("DELETE", "/api/snapshots/snp_unknown")).status).toBe(404);
  });

  it("makes the page and the cached picture answer 410 at once, and audits it", async () => {
    const s = (await share(w.clients.agent, { scanId: scan.id, ticket: "ZD-6000" })).body;
    expect((await open(s.imageUrl)).status).toBe(200);
    expect((await w.clients.agent.call("DELETE", `/api/snapshots/${s.id}`)).status).toBe(204);
    const page = await open(s.url);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("was revoked");
    const image = await open(s.imageUrl);
    expect([image.status, ((await image.json()) as ErrorBody).error.code]).toEqual([410, "GONE"]);
    expect((await listOf(w.clients.agent)).find((x) => x.id === s.id)).toMatchObject({ status: "revoked" });
    const events = (await snapshotEvents()).map((e) => e.message);
    expect(events.some((m) => m.startsWith("revoked a snapshot link (ticket ZD-6000)"))).toBe(true);
    expect(events.some((m) => m.includes("as a snapshot link for ticket ZD-6000"))).toBe(true);
  });

  it("answers 410 once a link has expired", async () => {
    const s = (await share(w.clients.agent, { scanId: scan.id, expiresInDays: 1 })).body;
    expect((await open(s.url)).status).toBe(200);
    // A day passes: the stored expiry is moved into the past.
    const db = new Database(path.join(app.dataDir, "reaper.sqlite"));
    db.prepare("UPDATE snapshots SET expires_at = ? WHERE id = ?").run(new Date(Date.now() - 1000).toISOString(), s.id);
    db.close();
    const page = await open(s.url);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("expired on");
    expect((await open(s.imageUrl)).status).toBe(410);
    expect((await listOf(w.clients.agent)).find((x) => x.id === s.id)).toMatchObject({ status: "expired" });
  });
});
