import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { SESSION_COOKIE, sessionFor } from "@/lib/server/auth/sessions";
import { may, type Capability } from "@/lib/shared/actions/policy";
import type { User } from "@/lib/shared/auth/types";

/** For server components: the logged-in user and their session, or null. */
export async function currentSession(): Promise<{ user: User; sessionId: string } | null> {
  return sessionFor((await cookies()).get(SESSION_COOKIE)?.value);
}

/** For server components: the logged-in user, or a redirect to the login page. */
export async function requireUser(): Promise<User> {
  const session = await currentSession();
  if (!session) redirect("/login");
  return session.user;
}

export async function currentUser(): Promise<User | null> {
  return (await currentSession())?.user ?? null;
}

/** A page only some roles have: anyone else gets the 404 page, as if it did not exist. */
export async function requireCapability(capability: Capability): Promise<User> {
  const user = await requireUser();
  if (!may(user.role, capability)) notFound();
  return user;
}
