import { NextResponse } from "next/server";
import type { AppError } from "@/lib/shared/errors/app-error";

export function json(body: unknown, status = 200): NextResponse {
  return NextResponse.json(body, { status, headers: { "cache-control": "no-store" } });
}

export function noContent(): NextResponse {
  return new NextResponse(null, { status: 204 });
}

export function errorResponse(e: AppError): NextResponse {
  const res = json({ error: { code: e.code, message: e.message, ...e.details } }, e.status);
  const retryAfter = e.details?.retryAfterSeconds;
  if (typeof retryAfter === "number") res.headers.set("retry-after", String(Math.ceil(retryAfter)));
  return res;
}
