import "server-only";
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { availableParallelism } from "node:os";
import { WorkLimiter } from "@/lib/server/auth/work-limiter";

// scrypt is memory-hard and ships with Node. N=2^15, r=8 costs 32 MiB and ~60 ms per hash here:
// slow for a guesser, fine for a login. Parameters live in the hash so they can be raised later.
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEYLEN = 32;

// scrypt runs on libuv's thread pool (4 threads), which file reads and other crypto share, and
// each hash keeps a core busy: 80 parallel logins stalled a logged-in person's requests for
// seconds. Hashes run one fewer at a time than there are cores (at most 2 of the pool's 4
// threads), the rest wait in line, and a login past the line is told to come back.
export const passwordHashing = new WorkLimiter(
  { running: Math.min(2, Math.max(1, availableParallelism() - 1)), waiting: 64 },
  "Reaper is busy checking other logins. Try again in a few seconds.",
);

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return passwordHashing.run(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password, salt, KEYLEN, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
      }),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = await derive(password, Buffer.from(salt, "base64"), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of nothing, verified against when the email is unknown so timing does not reveal it. */
export const decoyHash = hashPassword(randomBytes(16).toString("hex"));
