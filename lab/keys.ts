import { createHash } from "node:crypto";
import { mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runOk } from "@/lab/run";

export type KeyType = "ed25519" | "rsa" | "ecdsa";

// RSA at ssh-keygen's default 3072 bits takes ~2 s on the lab VMs; 2048 is still accepted everywhere.
const BITS: Record<KeyType, string[]> = { ed25519: [], rsa: ["-b", "2048"], ecdsa: ["-b", "256"] };

/** Writes FILE and FILE.pub with ssh-keygen (OpenSSH private key format). */
export async function writeKeyPair(file: string, type: KeyType, passphrase = ""): Promise<void> {
  await runOk("ssh-keygen", ["-q", "-t", type, ...BITS[type], "-N", passphrase, "-C", "reaper-lab", "-f", file]);
}

export async function generateClientKey(type: KeyType, passphrase?: string): Promise<{ privateKey: string; publicKey: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "reaper-lab-key-"));
  try {
    const file = path.join(dir, "id");
    await writeKeyPair(file, type, passphrase);
    const [privateKey, publicKey] = await Promise.all([readFile(file, "utf8"), readFile(`${file}.pub`, "utf8")]);
    return { privateKey, publicKey: publicKey.trim() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** OpenSSH's fingerprint of a public key line: SHA256 of the key blob, base64 without padding. */
export function fingerprintOfPublicKey(publicKeyLine: string): string {
  const blob = publicKeyLine.trim().split(/\s+/)[1];
  if (!blob) throw new Error(`not an OpenSSH public key line: ${publicKeyLine}`);
  return fingerprintOfBlob(Buffer.from(blob, "base64"));
}

/** The same fingerprint from the raw key blob, e.g. what ssh2's hostVerifier receives. */
export function fingerprintOfBlob(blob: Buffer): string {
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

/** Replaces the key pair at `file` with a fresh ed25519 one; the rename keeps sshd from ever reading half a key. */
export async function replaceHostKey(file: string): Promise<string> {
  const fresh = `${file}.new`;
  await rm(fresh, { force: true });
  await rm(`${fresh}.pub`, { force: true });
  await writeKeyPair(fresh, "ed25519");
  await rename(`${fresh}.pub`, `${file}.pub`);
  await rename(fresh, file);
  return fingerprintOfPublicKey(await readFile(`${file}.pub`, "utf8"));
}
