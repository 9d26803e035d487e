import type { AppServer } from "@/tests/support/app-server";
import { ADMIN } from "@/tests/support/app-server";

export type ApiAnswer<T = unknown> = { status: number; body: T; headers: Headers };

/** A logged-in caller that behaves like the app's own pages (cookie + same Origin). */
export class ApiClient {
  constructor(
    private readonly app: AppServer,
    private readonly cookie: string | null,
  ) {}

  static anonymous(app: AppServer): ApiClient {
    return new ApiClient(app, null);
  }

  static async login(app: AppServer, creds = ADMIN): Promise<ApiClient> {
    const res = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.baseUrl },
      body: JSON.stringify(creds),
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("reaper_session="));
    if (!cookie) throw new Error("login set no session cookie");
    return new ApiClient(app, cookie.split(";")[0] ?? "");
  }

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    const res = await fetch(`${this.app.baseUrl}${path}`, {
      method,
      headers: {
        origin: this.app.baseUrl,
        ...(body !== undefined && { "content-type": "application/json" }),
        ...(this.cookie && { cookie: this.cookie }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      redirect: "manual",
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  }
}
