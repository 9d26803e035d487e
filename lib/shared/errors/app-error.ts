// One error type for every expected failure; its code decides the HTTP status (see
// docs/api.md). Anything else is a bug and answers a generic 500.
export const statusByCode = {
  VALIDATION: 400,
  CONFIRMATION_REQUIRED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF: 403,
  FORBIDDEN: 403,
  PROTECTED_PROCESS: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  HOST_KEY_MISMATCH: 409,
  PROCESS_CHANGED: 409,
  CREDENTIALS_UNREADABLE: 409,
  NOT_RESTARTABLE: 409,
  LAST_ADMIN: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SSH_UNREACHABLE: 502,
  SSH_AUTH_FAILED: 502,
  COMMAND_FAILED: 502,
  PERMISSION_DENIED: 502,
  BUSY: 503,
  SSH_TIMEOUT: 504,
  RENDER_TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof statusByCode;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Extra machine-readable facts for the client (e.g. both fingerprints); never secrets. */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
