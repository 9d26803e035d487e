import type { AppServer } from "@/tests/support/app-server";

export type ServerEvent = { event: string; data: unknown; at: number };

/**
 * Reads a text/event-stream from the app until an event named `until` (or the stream's end),
 * parsing each frame's `event:` and `data:` lines as a browser's EventSource would.
 */
export async function readEvents(app: AppServer, path: string, cookie: string, until = "done", timeoutMs = 60_000): Promise<{ status: number; contentType: string | null; events: ServerEvent[] }> {
  const res = await fetch(`${app.baseUrl}${path}`, { headers: { cookie, accept: "text/event-stream" }, signal: AbortSignal.timeout(timeoutMs) });
  const events: ServerEvent[] = [];
  if (!res.body || !res.headers.get("content-type")?.startsWith("text/event-stream")) {
    return { status: res.status, contentType: res.headers.get("content-type"), events };
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = frame.split("\n");
      const event = lines.find((l) => l.startsWith("event: "))?.slice(7);
      const data = lines.filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
      if (!event) continue;
      events.push({ event, data: JSON.parse(data) as unknown, at: Date.now() });
      if (event === until) {
        await reader.cancel();
        return { status: res.status, contentType: res.headers.get("content-type"), events };
      }
    }
  }
  return { status: res.status, contentType: res.headers.get("content-type"), events };
}
