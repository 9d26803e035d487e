import "server-only";
import { utils } from "ssh2";
import { AppError } from "@/lib/shared/errors/app-error";
import { seal, unseal } from "@/lib/server/secrets/seal";

export type Credentials = { privateKey?: string; passphrase?: string; password?: string };

/** Refuses a key ssh2 cannot load (or whose passphrase is wrong) at save time, not at scan time. */
export function checkPrivateKey(privateKey: string, passphrase: string | undefined): void {
  const parsed = utils.parseKey(privateKey, passphrase);
  if (!(parsed instanceof Error)) return;
  if (/encrypted|passphrase|bad decrypt/i.test(parsed.message)) {
    throw new AppError("VALIDATION", passphrase ? "passphrase: does not open this private key. Check it and try again." : "passphrase: is required: this private key is encrypted.", { field: "passphrase" });
  }
  throw new AppError("VALIDATION", "privateKey: could not be read as an ed25519, RSA or ECDSA private key. Paste the whole key file, including its BEGIN and END lines.", { field: "privateKey" });
}

export function sealCredentials(creds: Credentials, serverId: string): Uint8Array {
  return seal(JSON.stringify(creds), `server:${serverId}`);
}

export function unsealCredentials(sealed: Uint8Array, serverId: string): Credentials {
  return JSON.parse(unseal(sealed, `server:${serverId}`)) as Credentials;
}
