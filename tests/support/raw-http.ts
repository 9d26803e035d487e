import net from "node:net";

export type RawAnswer = { status: number; headers: Record<string, string>; body: string };

/**
 * HTTP/1.1 written by hand on a socket, for what fetch will not send: a Content-Length that the
 * body never reaches, a chunked body that never ends. `send` gets the socket once the head is
 * written and may keep writing; the promise settles when the answer is complete, whether or not
 * the request body ever was.
 */
export function rawRequest(baseUrl: string, head: string[], send: (socket: net.Socket) => void = () => {}): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    let buffer = Buffer.alloc(0);
    const done = (answer: RawAnswer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const answer = parseAnswer(buffer);
      if (answer) done(answer);
    });
    socket.on("error", reject);
    socket.on("close", () => reject(new Error(`the connection closed before a whole answer: ${buffer.toString("utf8").slice(0, 300)}`)));
    socket.on("connect", () => {
      socket.write([...head, `Host: ${url.host}`, "", ""].join("\r\n"));
      send(socket);
    });
  });
}

function parseAnswer(buffer: Buffer): RawAnswer | null {
  const end = buffer.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const [statusLine = "", ...lines] = buffer.subarray(0, end).toString("latin1").split("\r\n");
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
  const rest = buffer.subarray(end + 4);
  let body: Buffer;
  if (headers["content-length"] !== undefined) {
    const length = Number(headers["content-length"]);
    if (rest.length < length) return null;
    body = rest.subarray(0, length);
  } else if (headers["transfer-encoding"] === "chunked") {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = rest.indexOf("\r\n", at);
      if (lineEnd < 0) return null;
      const size = parseInt(rest.subarray(at, lineEnd).toString("latin1"), 16);
      if (size === 0) break;
      if (rest.length < lineEnd + 2 + size + 2) return null;
      parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  } else {
    return null;
  }
  return { status: Number(statusLine.split(" ")[1]), headers, body: body.toString("utf8") };
}
