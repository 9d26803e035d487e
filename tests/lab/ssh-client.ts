// A raw ssh2 client for the lab tests: our own no-delay socket (ssh2 leaves Nagle on) and a host
// key check against the fingerprint the lab reports.
import net from "node:net";
import { Client, type ConnectConfig } from "ssh2";
import { fingerprintOfBlob } from "@/lab";

export type Auth = { username: string; privateKey: string; passphrase?: string } | { username: string; password: string };

export function connect(port: number, fingerprint: string, auth: Auth): Promise<Client> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, "127.0.0.1");
    sock.setNoDelay(true);
    const client = new Client();
    client.on("ready", () => resolve(client));
    client.on("error", reject);
    const config: ConnectConfig = {
      sock,
      readyTimeout: 10_000,
      hostVerifier: (key: Buffer) => fingerprintOfBlob(key) === fingerprint,
      ...auth,
    };
    client.connect(config);
  });
}

export function sshExec(client: Client, command: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, stream) => {
      if (error) return reject(error);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let code = -1;
      stream.on("data", (chunk: Buffer) => out.push(chunk));
      stream.stderr.on("data", (chunk: Buffer) => err.push(chunk));
      stream.on("exit", (exitCode: number | null) => (code = exitCode ?? -1));
      stream.on("close", () => resolve({ stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), code }));
    });
  });
}

export async function withSsh<T>(port: number, fingerprint: string, auth: Auth, body: (client: Client) => Promise<T>): Promise<T> {
  const client = await connect(port, fingerprint, auth);
  try {
    return await body(client);
  } finally {
    client.end();
  }
}

export type PsRow = { pid: number; ppid: number; stat: string; comm: string };

/** Parses `ps -A -o pid=,ppid=,stat=,comm=` (comm last: it may hold spaces). */
export function parsePs(text: string): PsRow[] {
  return text
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), stat: m[3] ?? "", comm: m[4] ?? "" }));
}

/** Zombie count per live parent, as "comm:count" strings, sorted: comparable with the lab's expectations. */
export function zombieLayout(rows: readonly PsRow[]): string[] {
  const counts = new Map<number, number>();
  for (const row of rows) if (row.stat.startsWith("Z")) counts.set(row.ppid, (counts.get(row.ppid) ?? 0) + 1);
  return rows
    .filter((row) => !row.stat.startsWith("Z") && counts.has(row.pid))
    .map((row) => `${row.comm}:${counts.get(row.pid) ?? 0}`)
    .sort();
}
