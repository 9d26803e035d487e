import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { hashPassword } from "@/lib/server/auth/password";
import { requireRight } from "@/lib/server/auth/rights";
import { endAllSessions } from "@/lib/server/auth/sessions";
import { createUser } from "@/lib/server/auth/users";
import { findAccount } from "@/lib/server/db/accounts";
import { appendAudit } from "@/lib/server/db/audit";
import { nowIso } from "@/lib/server/db/ids";
import { deleteUserKeepingAnAdmin, findUserByEmail, findUserById, listUsers, personOf, updateUserKeepingAnAdmin, type StoredUser, type UserChanges } from "@/lib/server/db/users";
import type { User } from "@/lib/shared/auth/types";
import type { Person } from "@/lib/shared/people/types";
import type { CreateUserInput, UpdateUserInput } from "@/lib/shared/schemas/people";

// People: admins create them with a role (and, for customers, an account), change their role or
// account, reset their password, disable and delete them. The last enabled admin stays.

const LAST_ADMIN = "This is the last enabled admin: Reaper would have nobody left to manage people. Make another admin first.";

export async function listPeople(viewer: User): Promise<Person[]> {
  requireRight(viewer, "people:manage");
  return (await listUsers()).map(personOf);
}

async function requirePerson(id: string): Promise<StoredUser> {
  const person = await findUserById(id);
  if (!person) throw new AppError("NOT_FOUND", "No such person. They may have been deleted; reload the list.");
  return person;
}

async function checkAccount(accountId: string | null | undefined): Promise<void> {
  if (accountId && !(await findAccount(accountId))) {
    throw new AppError("VALIDATION", "accountId: no such account. Pick one from the account list.", { field: "accountId" });
  }
}

function audit(viewer: User, person: Pick<User, "id" | "email">, action: string, message: string, extra: Record<string, unknown> = {}) {
  return appendAudit({ actor: viewer, serverId: null, kind: "person", detail: { action, personId: person.id, email: person.email, ...extra }, result: "done", message });
}

export async function createPerson(viewer: User, input: CreateUserInput): Promise<User> {
  requireRight(viewer, "people:manage");
  await checkAccount(input.accountId);
  if (await findUserByEmail(input.email)) throw new AppError("CONFLICT", `email: ${input.email} has a login already.`, { field: "email" });
  const user = await createUser({ email: input.email, password: input.password, role: input.role, accountId: input.role === "customer" ? input.accountId : null });
  await audit(viewer, user, "create", `created ${user.role} ${user.email}`, { role: user.role, accountId: user.accountId });
  return user;
}

/** The role and account after a change: staff belong to no account; customers to exactly one. */
function resolveMembership(person: StoredUser, input: UpdateUserInput): Pick<UserChanges, "role" | "accountId"> {
  const role = input.role ?? person.role;
  if (role !== "customer") {
    if (input.accountId) throw new AppError("VALIDATION", "accountId: must be null for staff: only customers belong to an account.", { field: "accountId" });
    return { ...(input.role !== undefined && { role }), ...(person.accountId !== null && { accountId: null }) };
  }
  const accountId = input.accountId === undefined ? person.accountId : input.accountId;
  if (!accountId) throw new AppError("VALIDATION", "accountId: is required for a customer: the account whose servers they see.", { field: "accountId" });
  return { ...(input.role !== undefined && { role }), ...(input.accountId !== undefined && { accountId }) };
}

/**
 * Role, account, password and disabled. Disabling ends every session at once (and the person's
 * tokens stop working); a new password ends every session too, so a stolen one is shut out.
 */
export async function updatePerson(viewer: User, id: string, input: UpdateUserInput): Promise<Person> {
  requireRight(viewer, "people:manage");
  const person = await requirePerson(id);
  const membership = resolveMembership(person, input);
  await checkAccount(membership.accountId);
  const changes: UserChanges = {
    ...membership,
    ...(input.password !== undefined && { passwordHash: await hashPassword(input.password) }),
    ...(input.disabled !== undefined && { disabledAt: input.disabled ? (person.disabledAt ?? nowIso()) : null }),
  };
  if (!(await updateUserKeepingAnAdmin(id, changes))) {
    // The row exists (checked above) unless it was deleted meanwhile.
    if (await findUserById(id)) throw new AppError("LAST_ADMIN", LAST_ADMIN);
    throw new AppError("NOT_FOUND", "No such person. They may have been deleted; reload the list.");
  }
  const ended = input.disabled === true || input.password !== undefined ? await endAllSessions(id) : 0;
  const after = await requirePerson(id);
  const what = Object.keys(input)
    .sort()
    .map((k) => (k === "password" ? "password reset" : k === "disabled" ? (input.disabled ? "disabled" : "enabled") : `${k} ${String(input[k as "role" | "accountId"])}`))
    .join(", ");
  await audit(viewer, after, input.disabled === true ? "disable" : "update", `changed ${after.email}: ${what}${ended ? ` (${ended} session${ended === 1 ? "" : "s"} ended)` : ""}`, {
    changed: Object.keys(input).sort(),
    role: after.role,
    accountId: after.accountId,
  });
  return personOf(after);
}

export async function deletePerson(viewer: User, id: string): Promise<void> {
  requireRight(viewer, "people:manage");
  const person = await requirePerson(id);
  if (!(await deleteUserKeepingAnAdmin(id))) {
    if (await findUserById(id)) throw new AppError("LAST_ADMIN", LAST_ADMIN);
    throw new AppError("NOT_FOUND", "No such person. They may have been deleted; reload the list.");
  }
  await audit(viewer, person, "delete", `deleted ${person.role} ${person.email}`, { role: person.role });
}
