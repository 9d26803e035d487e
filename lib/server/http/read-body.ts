import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { MAX_BODY_BYTES } from "@/lib/server/http/body-limit";

// A body is refused by its declared size before any other work (authentication included), and
// read only up to the limit: a client without a session cannot make Reaper hold megabytes.

function tooLarge(): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is over ${MAX_BODY_BYTES / 1024 / 1024} MiB. Send less.`, { limitBytes: MAX_BODY_BYTES });
}

/** PAYLOAD_TOO_LARGE when Content-Length says the body is over the limit. */
export function refuseDeclaredSize(headers: Headers): void {
  const declared = headers.get("content-length");
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) throw tooLarge();
}

/** The body as UTF-8 text; stops reading (and refuses) as soon as it passes the limit. */
export async function readBodyText(req: Request): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("VALIDATION", "body: is not valid UTF-8. Send JSON encoded as UTF-8.", { field: "body" });
  }
}
