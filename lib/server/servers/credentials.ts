import "server-only";
import { utils } from "ssh2";
import { AppError } from "@/lib/shared/errors/app-error";
import { serverSecretsBinding } from "@/lib/server/db/sealed-columns";
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
  return seal(JSON.stringify(creds), serverSecretsBinding(serverId));
}

/**
 * The server's credentials, or a clear error naming the server when they cannot be opened (a
 * damaged row): the caller can fix it by entering them again, and the rest of Reaper goes on.
 */
export function unsealCredentials(server: { id: string; name: string; sealedSecrets: Uint8Array }): Credentials {
  try {
    return JSON.parse(unseal(server.sealedSecrets, serverSecretsBinding(server.id))) as Credentials;
  } catch {
    throw new AppError(
      "CREDENTIALS_UNREADABLE",
      `The stored login of ${server.name} cannot be opened: it is damaged. Edit the server and enter its private key (or password) again; nothing was sent to it.`,
    );
  }
}
