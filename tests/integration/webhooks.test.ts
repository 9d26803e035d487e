import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLabServer, type LabServer } from "@/lab";
import type { AlertState, Delivery, Webhook, WebhookPayload } from "@/lib/shared/alerts/types";
import type { FleetRow } from "@/lib/shared/fleet/types";
import type { Server } from "@/lib/shared/servers/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { closedPort } from "@/tests/support/ports";
import { signatureValid, startReceiver, type Receiver } from "@/tests/support/webhook-receiver";

// Alerts and webhooks end to end: thresholds judged after real scans of a lab server, deliveries
// to a real HTTP receiver on loopback, signed, retried after a 500, and given up on visibly.
const SECRET = "receiver-shared-secret-42";
const ATTEMPTS = 3;

let app: AppServer;
let api: ApiClient;
let lab: LabServer;
let receiver: Receiver;

beforeAll(async () => {
  [app, lab, receiver] = await Promise.all([
    startApp({ REAPER_WEBHOOK_RETRY_MS: "100", REAPER_WEBHOOK_ATTEMPTS: String(ATTEMPTS), REAPER_SSH_CONNECT_TIMEOUT_MS: "2000" }),
    startLabServer({ name: "alerts", scenario: { parents: [{ comm: "httpd", zombies: 6 }] } }),
    startReceiver(),
  ]);
  api = await ApiClient.login(app);
});
afterAll(async () => {
  await Promise.all([app?.stop(), lab?.stop(), receiver?.close()]);
});

async function addWebhook(path: string, events = ["server.at-risk", "server.recovered"]): Promise<Webhook> {
  const res = await api.call<Webhook>("POST", "/api/webhooks", { url: receiver.url(path), secret: SECRET, events });
  expect(res.status).toBe(201);
  return res.body;
}

async function deliveries(webhookId: string): Promise<Delivery[]> {
  const res = await api.call<{ deliveries: Delivery[] }>("GET", `/api/webhooks/${webhookId}/deliveries`);
  expect(res.status).toBe(200);
  return res.body.deliveries;
}

/** Polls the delivery log until the delivery is settled (delivered or failed). */
async function settled(webhookId: string, deliveryId: string): Promise<Delivery> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const d = (await deliveries(webhookId)).find((x) => x.id === deliveryId);
    if (d && d.status !== "pending") return d;
    if (Date.now() > deadline) throw new Error(`delivery ${deliveryId} still pending: ${JSON.stringify(d)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("webhook deliveries", () => {
  it("a test delivery arrives as signed JSON, and the log says delivered", async () => {
    const hook = await addWebhook("/test-ok");
    expect(hook).not.toHaveProperty("secret");
    const sent = await api.call<Delivery>("POST", `/api/webhooks/${hook.id}/test`);
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ webhookId: hook.id, event: "test" });
    const [got] = await receiver.waitFor(1, "/test-ok");
    expect(got?.headers["content-type"]).toBe("application/json");
    expect(got?.headers["x-reaper-event"]).toBe("test");
    expect(got?.headers["x-reaper-delivery"]).toBe(sent.body.id);
    expect(signatureValid(SECRET, got?.body ?? "", got?.headers["x-reaper-signature"])).toBe(true);
    expect(signatureValid("another-secret-entirely", got?.body ?? "", got?.headers["x-reaper-signature"])).toBe(false);
    expect(got?.json).toMatchObject({ event: "test", deliveryId: sent.body.id, server: null, snapshot: null });
    expect(await settled(hook.id, sent.body.id)).toMatchObject({ status: "delivered", attempts: 1, responseStatus: 200, error: null });
  });

  it("retries after a 500 with the same signed body, then succeeds", async () => {
    const hook = await addWebhook("/flaky");
    receiver.answer(500);
    const sent = await api.call<Delivery>("POST", `/api/webhooks/${hook.id}/test`);
    const got = await receiver.waitFor(2, "/flaky");
    expect(got[1]?.body).toBe(got[0]?.body);
    for (const r of got) expect(signatureValid(SECRET, r.body, r.headers["x-reaper-signature"])).toBe(true);
    expect(await settled(hook.id, sent.body.id)).toMatchObject({ status: "delivered", attempts: 2, responseStatus: 200 });
  });

  it("gives up after the last attempt and says why in the log", async () => {
    const hook = await addWebhook("/down");
    receiver.answer(...Array<number>(ATTEMPTS).fill(500));
    const sent = await api.call<Delivery>("POST", `/api/webhooks/${hook.id}/test`);
    const d = await settled(hook.id, sent.body.id);
    expect(d).toMatchObject({ status: "failed", attempts: ATTEMPTS, responseStatus: 500, nextAttemptAt: null });
    expect(d.error).toBe(`gave up after ${ATTEMPTS} attempts: the receiver answered HTTP 500`);
    expect(await receiver.waitFor(ATTEMPTS, "/down")).toHaveLength(ATTEMPTS);
  });

  it("a receiver nobody runs is logged as refused, not as an HTTP status", async () => {
    const res = await api.call<Webhook>("POST", "/api/webhooks", { url: `http://127.0.0.1:${await closedPort()}/nobody`, secret: SECRET, events: ["server.at-risk"] });
    const sent = await api.call<Delivery>("POST", `/api/webhooks/${res.body.id}/test`);
    const d = await settled(res.body.id, sent.body.id);
    expect(d).toMatchObject({ status: "failed", attempts: ATTEMPTS, responseStatus: null });
    expect(d.error).toMatch(/^gave up after 3 attempts: connection refused \(ECONNREFUSED\)/);
  });

  it.each([
    [{ url: "ftp://127.0.0.1/hook", secret: SECRET, events: ["server.at-risk"] }, "url", /https:\/\/ or http:\/\//],
    [{ url: "javascript:alert(1)", secret: SECRET, events: ["server.at-risk"] }, "url", /https:\/\/ or http:\/\//],
    [{ url: "http://user:pw@127.0.0.1/hook", secret: SECRET, events: ["server.at-risk"] }, "url", /user name or password/],
    [{ url: "http://127.0.0.1/ho\nok", secret: SECRET, events: ["server.at-risk"] }, "url", /control or invisible/],
    [{ url: "http://127.0.0.1/hook", secret: "short", events: ["server.at-risk"] }, "secret", /at least 16/],
    [{ url: "http://127.0.0.1/hook", secret: SECRET, events: [] }, "events", /at least one event/],
    [{ url: "http://127.0.0.1/hook", secret: SECRET, events: ["server.exploded"] }, "events.0", /must be one of/],
    [{ url: "http://127.0.0.1/hook", secret: SECRET, events: ["server.at-risk"], extra: 1 }, "body", /extra/],
  ])("refuses %j naming %s", async (body, field, message) => {
    const res = await api.call<{ error: { code: string; field: string; message: string } }>("POST", "/api/webhooks", body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION");
    if (field !== "body") expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toMatch(message);
  });
});

describe("alerts after scans", () => {
  async function addServer(over: Record<string, unknown> = {}): Promise<Server> {
    const res = await api.call<Server>("POST", "/api/servers", { name: lab.name, host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey, ...over });
    expect(res.status).toBe(201);
    return res.body;
  }
  const setGlobal = async (t: Record<string, number | null>) => {
    const res = await api.call("PUT", "/api/alerts/thresholds/global", { zombiesAbove: null, pidUsePercentAbove: null, zombieAgeMinutesAbove: null, failedScansInRow: null, ...t });
    expect(res.status).toBe(200);
  };
  const alerts = async () => (await api.call<{ alerts: { server: { id: string }; state: AlertState }[] }>("GET", "/api/alerts")).body.alerts;
  const payloadsAt = (path: string) => receiver.received.filter((r) => r.path === path).map((r) => r.json as unknown as WebhookPayload);

  it("too many zombies turn a server at risk once, and a looser threshold brings it back", async () => {
    const hook = await addWebhook("/alerts");
    await setGlobal({ zombiesAbove: lab.expected.zombies - 1 });
    const server = await addServer();
    expect((await api.call("POST", `/api/servers/${server.id}/scans`)).status).toBe(201);
    const [first] = await receiver.waitFor(1, "/alerts");
    expect(signatureValid(SECRET, first?.body ?? "", first?.headers["x-reaper-signature"])).toBe(true);
    const atRisk = payloadsAt("/alerts")[0];
    expect(atRisk).toMatchObject({ event: "server.at-risk", server: { id: server.id, name: lab.name, host: lab.host, port: lab.port }, verdict: { risk: "at-risk", failuresInRow: 0 } });
    expect(atRisk?.verdict?.reasons).toEqual([{ kind: "zombies", text: `${lab.expected.zombies} zombies, more than the ${lab.expected.zombies - 1} allowed` }]);
    expect(atRisk?.verdict?.text).toMatch(/\S/);
    expect((await alerts()).find((a) => a.server.id === server.id)?.state).toMatchObject({ atRisk: true, reasons: atRisk?.verdict?.reasons });

    // The scan that raised it, frozen: an absolute link at the origin the webhook was added from,
    // opened by someone without a login (the ticket's reader), made by Reaper itself.
    const link = atRisk?.snapshot?.url ?? "";
    expect(link.startsWith(`${app.baseUrl}/s/`)).toBe(true);
    expect(Date.parse(atRisk?.snapshot?.expiresAt ?? "") - Date.now()).toBeGreaterThan(29 * 24 * 3600_000);
    const opened = await fetch(link, { redirect: "manual" });
    expect(opened.status).toBe(200);
    const html = await opened.text();
    expect(html).toContain(lab.name);
    expect(html).toContain("Process tree of httpd (");
    const audit = await api.call<{ events: { kind: string; action?: string; actor: { email: string }; message: string }[] }>("GET", `/api/audit?serverId=${server.id}`);
    const made = audit.body.events.filter((e) => e.kind === "snapshot" && e.action === "create");
    expect(made.map((e) => e.actor.email)).toEqual(["Reaper (alerts)"]);
    expect(made[0]?.message).toMatch(/^for the server\.at-risk alert, Reaper froze the scan of .* as a snapshot link, valid until /);

    // Still at risk on the next scan: no second alert.
    expect((await api.call("POST", `/api/servers/${server.id}/scans`)).status).toBe(201);
    await setGlobal({ zombiesAbove: lab.expected.zombies });
    expect((await api.call("POST", `/api/servers/${server.id}/scans`)).status).toBe(201);
    await receiver.waitFor(2, "/alerts");
    expect(payloadsAt("/alerts").map((p) => p.event)).toEqual(["server.at-risk", "server.recovered"]);
    expect(payloadsAt("/alerts")[1]?.verdict).toMatchObject({ risk: "healthy", reasons: [] });
    expect(payloadsAt("/alerts")[1]?.snapshot?.url).toMatch(/\/s\/[\w-]{43}$/);
    expect(payloadsAt("/alerts")[1]?.snapshot?.url).not.toBe(link);
    expect((await alerts()).some((a) => a.server.id === server.id)).toBe(false);
    expect((await deliveries(hook.id)).map((d) => [d.event, d.status, d.serverId])).toEqual([
      ["server.recovered", "delivered", server.id],
      ["server.at-risk", "delivered", server.id],
    ]);
    await api.call("DELETE", `/api/webhooks/${hook.id}`);
  });

  it("a host unreachable K scans running turns at risk on the K-th, with the error's code", async () => {
    await addWebhook("/unreachable", ["server.at-risk"]);
    await setGlobal({ failedScansInRow: 2 });
    const server = await addServer({ name: "gone", port: await closedPort() });
    const first = await api.call<{ error: { code: string } }>("POST", `/api/servers/${server.id}/scans`);
    expect(first.body.error.code).toBe("SSH_UNREACHABLE");
    expect((await alerts()).some((a) => a.server.id === server.id)).toBe(false);
    await api.call("POST", `/api/servers/${server.id}/scans`);
    await receiver.waitFor(1, "/unreachable");
    const payload = payloadsAt("/unreachable")[0];
    expect(payload?.verdict).toMatchObject({ risk: "at-risk", failuresInRow: 2, lastFailure: { code: "SSH_UNREACHABLE" } });
    expect(payload?.verdict?.reasons[0]?.text).toMatch(/^2 scans in a row failed, the last with SSH_UNREACHABLE: /);
    // Never scanned successfully: nothing to freeze, so no link.
    expect(payload?.snapshot).toBeNull();
    // One record of the failures: the alert and the fleet row tell the same count and error.
    const row = (await api.call<{ servers: FleetRow[] }>("GET", "/api/fleet")).body.servers.find((r) => r.server.id === server.id);
    const state = (await alerts()).find((a) => a.server.id === server.id)?.state;
    expect(row?.reachability).toMatchObject({ ok: false, failuresInRow: 2, error: { code: "SSH_UNREACHABLE" } });
    expect(state).toMatchObject({ failuresInRow: 2, lastFailure: { ...row?.reachability?.error, at: row?.reachability?.lastAttemptAt } });
  });

  it("only admins set thresholds; out-of-range values are refused with the field named", async () => {
    const bad = await api.call<{ error: { code: string; field: string; message: string } }>("PUT", "/api/alerts/thresholds/global", { zombiesAbove: -1, pidUsePercentAbove: 90, zombieAgeMinutesAbove: 60, failedScansInRow: 3 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "VALIDATION", field: "zombiesAbove" });
    expect(bad.body.error.message).toMatch(/from 0 to .* or null to turn it off/);
    const missing = await api.call<{ error: { field: string } }>("PUT", "/api/alerts/thresholds/global", { zombiesAbove: 5 });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe("pidUsePercentAbove");
    const noAccount = await api.call<{ error: { code: string } }>("PUT", "/api/alerts/thresholds/acc_nope", { zombiesAbove: 5, pidUsePercentAbove: 90, zombieAgeMinutesAbove: 60, failedScansInRow: 3 });
    expect(noAccount.status).toBe(404);
  });
});
