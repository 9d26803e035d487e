import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "@/tests/support/api-client";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { rawRequest, type RawAnswer } from "@/tests/support/raw-http";

// What an anonymous client can make the app do before it knows who is calling: bodies are
// refused by their declared size and read only up to 1 MiB; password hashing runs a bounded
// number at a time, so a login flood leaves everyone else's requests answered.
const MiB = 1024 * 1024;
const SLOW = 180_000;

let app: AppServer;
let admin: ApiClient;

beforeAll(async () => {
  app = await startApp();
  admin = await ApiClient.login(app);
});
afterAll(async () => {
  await app?.stop();
});

const errorOf = (a: RawAnswer) => (JSON.parse(a.body) as { error: { code: string; message: string } }).error;

describe("request bodies", () => {
  it.each([
    ["anonymous, to an authenticated route", "/api/servers", []],
    ["to the login", "/api/auth/login", []],
    ["with a forged API token (authentication would say 401)", "/api/servers", ["Authorization: Bearer not-a-token"]],
  ])("50 MiB declared %s: 413 before a byte of the body is sent", async (_what, path, extra) => {
    const answer = await rawRequest(app.baseUrl, [`POST ${path} HTTP/1.1`, "Content-Type: application/json", `Content-Length: ${50 * MiB}`, ...extra]);
    expect(answer.status).toBe(413);
    expect(errorOf(answer)).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/over 1 MiB/) });
    expect(answer.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("a chunked body with no declared size is read up to 1 MiB and refused there, without waiting for its end", async () => {
    const piece = Buffer.alloc(256 * 1024, " ");
    const answer = await rawRequest(app.baseUrl, ["POST /api/accounts HTTP/1.1", "Content-Type: application/json", "Transfer-Encoding: chunked", `Cookie: ${admin.cookie}`, `Origin: ${app.baseUrl}`], (socket) => {
      // 1.25 MiB, and the terminating chunk is never sent.
      for (let i = 0; i < 5; i++) socket.write(`${piece.length.toString(16)}\r\n${piece.toString()}\r\n`);
    });
    expect(answer.status).toBe(413);
    expect(errorOf(answer).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("a body just under the limit is read whole", async () => {
    const body = `{"name":"padded account"}${" ".repeat(MiB - 100)}`;
    const res = await admin.call("POST", "/api/accounts", body);
    expect(res.status).toBe(201);
  });

  it("a body that is not UTF-8 is VALIDATION, naming the body", async () => {
    const answer = await rawRequest(app.baseUrl, ["POST /api/accounts HTTP/1.1", "Content-Type: application/json", "Content-Length: 14", `Cookie: ${admin.cookie}`, `Origin: ${app.baseUrl}`], (socket) => {
      socket.write(Buffer.from([...Buffer.from('{"name":"'), 0xff, 0xfe, ...Buffer.from('"} ')]));
    });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: "VALIDATION", field: "body", message: expect.stringMatching(/not valid UTF-8/) });
  });
});

describe("a login flood", () => {
  it("leaves a logged-in person's GET /api/me answered while the flood is still being checked", async () => {
    const flood = 12;
    let answered = 0;
    // Each from its own loopback address, so the login limits let every one of them reach the hash.
    const logins = Array.from({ length: flood }, (_, i) =>
      ApiClient.anonymous(app, `127.0.1.${i + 1}`)
        .call("POST", "/api/auth/login", { email: `flood-${i}@example.com`, password: "wrong-password" })
        .then((r) => {
          answered++;
          return r.status;
        }),
    );
    // Once the first login is answered, the flood is being hashed.
    await Promise.race(logins);
    const me = await admin.call<{ user: { email: string } }>("GET", "/api/me");
    const answeredBeforeMe = answered;
    const statuses = await Promise.all(logins);
    expect(me.status).toBe(200);
    expect(statuses.every((s) => s === 401)).toBe(true);
    expect(answeredBeforeMe).toBeLessThan(flood);
  }, SLOW);
});
