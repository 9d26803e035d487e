import http from "node:http";
import type { AppServer } from "@/tests/support/app-server";
import { ADMIN } from "@/tests/support/app-server";

export type ApiAnswer<T = unknown> = { status: number; body: T; headers: Headers };

type Credential = { cookie: string } | { bearer: string } | null;

/**
 * HTTP from a chosen loopback address (127.0.0.2, 127.0.0.3, ...): the app sees a different
 * client socket for each, as it would for people on different machines. fetch cannot pick its
 * source address; node:http can.
 */
function requestFrom(localAddress: string, url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<{ status: number; headers: Headers; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method, headers: init.headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) headers.append(k, value);
        }
        resolve({ status: res.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/** A caller of the real app: anonymous, logged in (cookie + same Origin, like the app's pages) or with an API token. */
export class ApiClient {
  constructor(
    private readonly app: AppServer,
    private readonly credential: Credential,
    /** The loopback address requests come from; default 127.0.0.1. */
    readonly from?: string,
  ) {}

  static anonymous(app: AppServer, from?: string): ApiClient {
    return new ApiClient(app, null, from);
  }

  static bearer(app: AppServer, token: string): ApiClient {
    return new ApiClient(app, { bearer: token });
  }

  static async login(app: AppServer, creds = ADMIN, from?: string): Promise<ApiClient> {
    const res = await ApiClient.anonymous(app, from).call("POST", "/api/auth/login", creds);
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("reaper_session="));
    if (!cookie) throw new Error("login set no session cookie");
    return new ApiClient(app, { cookie: cookie.split(";")[0] ?? "" }, from);
  }

  /** The session cookie ("reaper_session=…"), for tests that replay it. */
  get cookie(): string | null {
    return this.credential && "cookie" in this.credential ? this.credential.cookie : null;
  }

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    const init = {
      method,
      headers: Object.fromEntries(
        Object.entries({
          origin: this.app.baseUrl,
          ...(body !== undefined && { "content-type": "application/json" }),
          ...(this.credential && "cookie" in this.credential && { cookie: this.credential.cookie }),
          ...(this.credential && "bearer" in this.credential && { authorization: `Bearer ${this.credential.bearer}` }),
          ...headers,
        }).filter(([, v]) => v !== ""),
      ),
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    };
    const url = `${this.app.baseUrl}${path}`;
    const res = this.from
      ? await requestFrom(this.from, url, init)
      : await fetch(url, { ...init, redirect: "manual" }).then(async (r) => ({ status: r.status, headers: r.headers, text: await r.text() }));
    let parsed: unknown = null;
    if (res.text) {
      try {
        parsed = JSON.parse(res.text);
      } catch {
        parsed = res.text;
      }
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
}
