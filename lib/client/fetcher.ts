// The one place the browser talks to Reaper's API: errors become ApiError (code, message, status
// and the body's extra details such as `field` or `pinned`/`presented`); a 401 goes to /login.

export type ApiErrorBody = { error: { code: string; message: string } & Record<string, unknown> };

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, status: number, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
    this.details = details;
  }

  /** A string detail of the error body (e.g. `field`, `pinned`, `presented`), if present. */
  detail(key: string): string | null {
    const v = this.details[key];
    return typeof v === "string" ? v : null;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function isErrorBody(v: unknown): v is ApiErrorBody {
  if (typeof v !== "object" || v === null || !("error" in v)) return false;
  const err = (v as { error: unknown }).error;
  return typeof err === "object" && err !== null && "code" in err && "message" in err;
}

function goToLogin(): void {
  if (typeof window === "undefined" || window.location.pathname === "/login") return;
  const next = window.location.pathname + window.location.search;
  // A full load (not a client transition): the session is gone, so no cached state should survive.
  window.location.assign(new URL(`/login?next=${encodeURIComponent(next)}`, window.location.origin));
}

async function toApiError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  if (isErrorBody(body)) {
    const { code, message, ...details } = body.error;
    return new ApiError(code, message, res.status, details);
  }
  return new ApiError("HTTP_" + String(res.status), `Reaper answered ${res.status} ${res.statusText}. Try again.`, res.status);
}

async function request<T>(url: string, init: RequestInit, redirectOn401: boolean): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, credentials: "same-origin", headers: { accept: "application/json", ...init.headers } });
  } catch {
    throw new ApiError("NETWORK", "Reaper could not be reached. Check your connection and try again.", 0);
  }
  if (res.status === 401 && redirectOn401) goToLogin();
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** SWR's fetcher: GET a JSON resource. */
export function fetcher<T>(url: string): Promise<T> {
  return request<T>(url, { method: "GET" }, true);
}

/** A mutating call (same-origin, so the browser sends the Origin header the API checks). */
export function sendJson<T>(method: "POST" | "PUT" | "PATCH" | "DELETE", url: string, body?: unknown, options: { redirectOn401?: boolean } = {}): Promise<T> {
  const init: RequestInit = body === undefined ? { method } : { method, body: JSON.stringify(body), headers: { "content-type": "application/json" } };
  return request<T>(url, init, options.redirectOn401 ?? true);
}
