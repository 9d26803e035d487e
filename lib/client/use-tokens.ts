"use client";

import useSWR, { mutate } from "swr";
import type { NewToken, TokenInfo } from "@/lib/shared/auth/types";
import { fetcher, sendJson } from "@/lib/client/fetcher";

export const TOKENS_KEY = "/api/tokens";

/** The caller's own API tokens (never their secrets). */
export function useTokens(fallback?: TokenInfo[]) {
  const res = useSWR<{ tokens: TokenInfo[] }>(TOKENS_KEY, fetcher, fallback ? { fallbackData: { tokens: fallback } } : undefined);
  return { ...res, tokens: res.data?.tokens };
}

/** Makes a token; its secret is in this answer only. */
export async function postToken(name: string): Promise<NewToken> {
  const token = await sendJson<NewToken>("POST", TOKENS_KEY, { name });
  await mutate(TOKENS_KEY);
  return token;
}

export async function revokeToken(id: string): Promise<void> {
  await sendJson<undefined>("DELETE", `${TOKENS_KEY}/${id}`);
  await mutate(TOKENS_KEY);
}
