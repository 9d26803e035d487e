import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateClientKey } from "@/lab/keys";
import type { AuditEvent } from "@/lib/shared/audit/types";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { closedPort } from "@/tests/support/ports";

// Refused attempts are audited one by one up to a per-person limit within a window; past it the
// person is told RATE_LIMITED and the rest of the burst becomes one event with its count. A small
// limit and window here (5 in 10 s); the defaults are 20 in 60 s.
const LIMIT = 5;
const WINDOW_S = 10;
type ErrorBody = { error: { code: string; message: string } };

let app: AppServer;
let admin: ApiClient;
let prober: ApiClient;
let proberId: string;
let serverId: string;

beforeAll(async () => {
  app = await startApp({ REAPER_REFUSAL_LIMIT: String(LIMIT), REAPER_REFUSAL_WINDOW_SECONDS: String(WINDOW_S) });
  admin = await ApiClient.login(app);
  const person = await admin.call<{ user: { id: string } }>("POST", "/api/users", { email: "prober@example.com", password: "prober-password-1", role: "agent" });
  proberId = person.body.user.id;
  prober = await ApiClient.login(app, { email: "prober@example.com", password: "prober-password-1" });
  // Nothing listens there: the refusals below all come before any connection.
  const created = await admin.call<{ id: string }>("POST", "/api/servers", { name: "web-01", host: "127.0.0.1", port: await closedPort(), username: "deploy", privateKey: (await generateClientKey("ed25519")).privateKey });
  serverId = created.body.id;
});
afterAll(async () => {
  await app?.stop();
});

/** terminate without the typed PID: refused (CONFIRMATION_REQUIRED) before anything is sent. */
const unconfirmed = (client: ApiClient) => client.call<ErrorBody>("POST", `/api/servers/${serverId}/actions`, { action: "terminate", pid: 4242, startTime: 1 });
const eventsOf = async (actorId: string) => (await admin.call<{ events: AuditEvent[] }>("GET", `/api/audit?actorId=${actorId}&limit=500`)).body.events;

describe("refused attempts past the limit", () => {
  it("20 sent at once: 5 logged one by one, the rest counted; then RATE_LIMITED before any work, others unaffected; once quiet, one event with the count", async () => {
    const burst = await Promise.all(Array.from({ length: 20 }, () => unconfirmed(prober)));
    // Checked before the work, so some of the parallel ones may already be told RATE_LIMITED.
    for (const r of burst) expect([400, 429]).toContain(r.status);
    expect(burst.filter((r) => r.status === 400).length).toBeGreaterThanOrEqual(LIMIT);

    const limited = await unconfirmed(prober);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("RATE_LIMITED");
    expect(limited.body.error.message).toMatch(/You had 5 refused requests within 10 s\. Wait 10 s/);
    expect(limited.headers.get("retry-after")).toBe(String(WINDOW_S));
    // A server change is refused the same way while the burst lasts, even one that would pass.
    const edit = await prober.call<ErrorBody>("PATCH", `/api/servers/${serverId}`, { name: "renamed" });
    expect(edit.status).toBe(429);
    // Someone else is not held up by the prober's burst.
    expect((await unconfirmed(admin)).status).toBe(400);

    const during = await eventsOf(proberId);
    expect(during.filter((e) => e.kind === "action").map((e) => e.code)).toEqual(Array.from({ length: LIMIT }, () => "CONFIRMATION_REQUIRED"));
    expect(during.filter((e) => e.kind === "refusals")).toEqual([]);

    // Quiet for a whole window: the next read of the log writes the burst.
    await new Promise((r) => setTimeout(r, (WINDOW_S + 1) * 1000));
    const after = await eventsOf(proberId);
    const summaries = after.filter((e) => e.kind === "refusals");
    expect(summaries).toHaveLength(1);
    const total = 20 + 2 - LIMIT;
    // The attempts told RATE_LIMITED were refused before their server was looked up: no single server.
    expect(summaries[0]).toMatchObject({ result: "refused", code: "RATE_LIMITED", count: total, serverId: null, actor: { email: "prober@example.com" } });
    expect(summaries[0]?.message).toMatch(new RegExp(`^${total} more refused attempts by prober@example\\.com from \\S+ to \\S+ \\(.*\\d+ RATE_LIMITED.*\\), past 5 refusals within 10 s: counted together`));
    expect(after.filter((e) => e.kind === "action")).toHaveLength(LIMIT);

    // The prober may try again, and is logged one by one again.
    const again = await unconfirmed(prober);
    expect([again.status, again.body.error.code]).toEqual([400, "CONFIRMATION_REQUIRED"]);
    expect((await eventsOf(proberId)).filter((e) => e.kind === "action")).toHaveLength(LIMIT + 1);
  }, 120_000);
});
