"use client";

import useSWR, { mutate } from "swr";
import type { Role, User } from "@/lib/shared/auth/types";
import type { Person } from "@/lib/shared/people/types";
import type { UpdateUserInput } from "@/lib/shared/schemas/people";
import { fetcher, sendJson } from "@/lib/client/fetcher";

export const USERS_KEY = "/api/users";

/** Everyone who can log in (admin). */
export function usePeople(fallback?: Person[]) {
  const res = useSWR<{ users: Person[] }>(USERS_KEY, fetcher, fallback ? { fallbackData: { users: fallback } } : undefined);
  return { ...res, people: res.data?.users };
}

/** Accounts list the number of people they have: refresh them along with the people. */
const refresh = () => Promise.all([mutate(USERS_KEY), mutate((key) => typeof key === "string" && key.startsWith("/api/accounts"))]);

export async function postPerson(input: { email: string; password: string; role: Role; accountId?: string }): Promise<User> {
  const { user } = await sendJson<{ user: User }>("POST", USERS_KEY, input);
  await refresh();
  return user;
}

export async function patchPerson(id: string, changes: UpdateUserInput): Promise<Person> {
  const { user } = await sendJson<{ user: Person }>("PATCH", `${USERS_KEY}/${id}`, changes);
  await refresh();
  return user;
}

export async function removePerson(id: string): Promise<void> {
  await sendJson<undefined>("DELETE", `${USERS_KEY}/${id}`);
  await refresh();
}
