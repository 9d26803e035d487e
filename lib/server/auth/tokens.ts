import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { hashSecret, newSecret } from "@/lib/server/auth/secret";
import { appendAudit } from "@/lib/server/db/audit";
import { newId, nowIso } from "@/lib/server/db/ids";
import { deleteTokenOf, findTokenUser, insertToken, listTokensOf, touchToken } from "@/lib/server/db/tokens";
import type { NewToken, TokenInfo, User } from "@/lib/shared/auth/types";

// API tokens act as their owner, with the owner's role and tenancy, for integrations (a ticket
// system, a monitoring system). The secret is shown once; only its hash is kept.

/** Tokens start with this, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = "rpr_";
const TOUCH_EVERY_MS = 60_000;

export async function createToken(owner: User, name: string): Promise<NewToken> {
  const token = newSecret(TOKEN_PREFIX);
  const info: TokenInfo = { id: newId("tok"), name, createdAt: nowIso(), lastUsedAt: null };
  await insertToken({ ...info, userId: owner.id, tokenHash: hashSecret(token) });
  await appendAudit({ actor: owner, serverId: null, kind: "token", detail: { action: "create", tokenId: info.id, name }, result: "done", message: `created API token "${name}"` });
  return { id: info.id, name: info.name, token, createdAt: info.createdAt };
}

/** The enabled owner of a bearer token; null for an unknown, revoked or disabled owner's token. */
export async function tokenUser(token: string): Promise<{ user: User; tokenId: string } | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const found = await findTokenUser(hashSecret(token));
  if (!found) return null;
  const now = nowIso();
  if (found.lastUsedAt === null || Date.parse(now) - Date.parse(found.lastUsedAt) >= TOUCH_EVERY_MS) await touchToken(found.tokenId, now);
  return { user: found.user, tokenId: found.tokenId };
}

export function listTokens(owner: User): Promise<TokenInfo[]> {
  return listTokensOf(owner.id);
}

/** Revokes one of the caller's own tokens; anyone else's is NOT_FOUND. */
export async function revokeToken(owner: User, id: string): Promise<void> {
  const gone = await deleteTokenOf(owner.id, id);
  if (!gone) throw new AppError("NOT_FOUND", "No such token: it may have been revoked already. Reload the list.");
  await appendAudit({ actor: owner, serverId: null, kind: "token", detail: { action: "revoke", tokenId: id, name: gone.name }, result: "done", message: `revoked API token "${gone.name}"` });
}
