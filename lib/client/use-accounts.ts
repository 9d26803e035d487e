"use client";

import useSWR, { mutate } from "swr";
import type { Account, AccountListItem, Person } from "@/lib/shared/people/types";
import type { Server } from "@/lib/shared/servers/types";
import { fetcher, sendJson } from "@/lib/client/fetcher";

export const ACCOUNTS_KEY = "/api/accounts";
export const accountKey = (id: string) => `${ACCOUNTS_KEY}/${id}`;

export type AccountDetail = Account & { servers: Server[]; people: Person[] };

/** Every customer account with its counts (staff). */
export function useAccounts(fallback?: AccountListItem[]) {
  const res = useSWR<{ accounts: AccountListItem[] }>(ACCOUNTS_KEY, fetcher, fallback ? { fallbackData: { accounts: fallback } } : undefined);
  return { ...res, accounts: res.data?.accounts };
}

/** One account with its servers and people (staff); nothing is asked for a null id. */
export function useAccount(id: string | null, fallback?: AccountDetail) {
  const res = useSWR<AccountDetail>(id === null ? null : accountKey(id), fetcher, fallback ? { fallbackData: fallback } : undefined);
  return { ...res, account: res.data };
}

export async function postAccount(name: string): Promise<Account> {
  const account = await sendJson<Account>("POST", ACCOUNTS_KEY, { name });
  await mutate(ACCOUNTS_KEY);
  return account;
}

export async function renameAccount(id: string, name: string): Promise<Account> {
  const account = await sendJson<Account>("PATCH", accountKey(id), { name });
  await Promise.all([mutate(ACCOUNTS_KEY), mutate(accountKey(id))]);
  return account;
}

/** Background scans for every server of the account that has no interval of its own (admin). */
export async function setAccountScanInterval(id: string, scanIntervalMinutes: number | null): Promise<Account> {
  const account = await sendJson<Account>("PATCH", accountKey(id), { scanIntervalMinutes });
  await Promise.all([mutate(ACCOUNTS_KEY), mutate(accountKey(id))]);
  return account;
}
