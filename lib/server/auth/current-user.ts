import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SESSION_COOKIE, userForSession } from "@/lib/server/auth/sessions";
import type { User } from "@/lib/shared/auth/types";

/** For server components: the logged-in user, or a redirect to the login page. */
export async function requireUser(): Promise<User> {
  const user = await userForSession((await cookies()).get(SESSION_COOKIE)?.value);
  if (!user) redirect("/login");
  return user;
}

export async function currentUser(): Promise<User | null> {
  return userForSession((await cookies()).get(SESSION_COOKIE)?.value);
}
