import "server-only";
import { randomBytes } from "node:crypto";
import type { NextRequest } from "next/server";
import { AppError, isAppError } from "@/lib/shared/errors/app-error";
import { authenticate, type Caller } from "@/lib/server/http/request-auth";
import { errorResponse, json } from "@/lib/server/http/responses";
import { readBodyText, refuseDeclaredSize } from "@/lib/server/http/read-body";
import type { User } from "@/lib/shared/auth/types";
import { log } from "@/lib/server/log";

type Params = Record<string, string>;
type Context<P extends Params> = { params: Promise<P> };

export type Call<P extends Params> = {
  req: NextRequest;
  params: P;
  /** The request body parsed as JSON; VALIDATION when it is not. */
  body: () => Promise<unknown>;
};

async function readJson(req: NextRequest): Promise<unknown> {
  const text = await readBodyText(req);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("VALIDATION", "body: is not valid JSON. Send a JSON object.", { field: "body" });
  }
}

function fail(e: unknown, req: NextRequest): Response {
  if (isAppError(e)) return errorResponse(e);
  // An unknown error may carry hostnames or paths: log it here, answer only a reference.
  const ref = randomBytes(6).toString("hex");
  log.error("api.unhandled", { ref, method: req.method, path: req.nextUrl.pathname, error: e instanceof Error ? e.stack : String(e) });
  return errorResponse(new AppError("INTERNAL", `Something went wrong inside Reaper (reference ${ref}). Try again; if it persists, report the reference.`));
}

function wrap<P extends Params>(run: (req: NextRequest, params: P) => Promise<Response>) {
  return async (req: NextRequest, ctx: Context<P>): Promise<Response> => {
    const started = performance.now();
    let status = 500;
    try {
      // Before anything else, authentication included: an oversized body costs nothing.
      refuseDeclaredSize(req.headers);
      const res = await run(req, await ctx.params);
      status = res.status;
      return res;
    } catch (e) {
      const res = fail(e, req);
      status = res.status;
      return res;
    } finally {
      log.debug("api.request", { method: req.method, path: req.nextUrl.pathname, status, ms: Math.round(performance.now() - started) });
    }
  };
}

/** A route open to anyone (only login). */
export function publicRoute<P extends Params = Params>(handler: (call: Call<P>) => Promise<Response>) {
  return wrap<P>((req, params) => handler({ req, params, body: () => readJson(req) }));
}

/**
 * A route that needs a caller: a session cookie (mutations must pass the Origin check) or an API
 * token. `user` acts with its role and tenancy; `caller` says which session or token it came with.
 */
export function authedRoute<P extends Params = Params>(handler: (call: Call<P> & { user: User; caller: Caller }) => Promise<Response>) {
  return wrap<P>(async (req, params) => {
    const caller = await authenticate(req);
    return handler({ req, params, user: caller.user, caller, body: () => readJson(req) });
  });
}

export { json };
