import "server-only";
import { AppError } from "@/lib/shared/errors/app-error";
import { requireRight } from "@/lib/server/auth/rights";
import { findAccount, findAccountByName, insertAccount, listAccounts as listStoredAccounts, renameAccount as renameStoredAccount, setAccountScanInterval } from "@/lib/server/db/accounts";
import { appendAudit } from "@/lib/server/db/audit";
import { newId, nowIso } from "@/lib/server/db/ids";
import { listUsers, personOf } from "@/lib/server/db/users";
import { listServers } from "@/lib/server/servers/service";
import type { User } from "@/lib/shared/auth/types";
import type { Account, AccountListItem, Person } from "@/lib/shared/people/types";
import type { AccountInput, UpdateAccountInput } from "@/lib/shared/schemas/people";
import type { Server } from "@/lib/shared/servers/types";

// Accounts are customer organisations. Staff see them all (agents read-only); admins create and
// rename them. Customers never see this list: their panel shows their own servers.

export async function listAccounts(viewer: User): Promise<AccountListItem[]> {
  requireRight(viewer, "accounts:read");
  return listStoredAccounts();
}

async function requireAccount(id: string): Promise<Account> {
  const account = await findAccount(id);
  if (!account) throw new AppError("NOT_FOUND", "No such account. Go back to the account list.");
  return account;
}

async function refuseTakenName(name: string, exceptId: string | null): Promise<void> {
  const other = await findAccountByName(name);
  if (other && other.id !== exceptId) throw new AppError("CONFLICT", `name: an account named "${name}" exists already. Choose another name.`, { field: "name" });
}

export async function createAccount(viewer: User, input: AccountInput): Promise<Account> {
  requireRight(viewer, "accounts:write");
  await refuseTakenName(input.name, null);
  const account: Account = { id: newId("acc"), name: input.name, createdAt: nowIso(), scanIntervalMinutes: null };
  await insertAccount(account);
  await appendAudit({ actor: viewer, serverId: null, kind: "account", detail: { action: "create", accountId: account.id, name: account.name }, result: "done", message: `created account ${account.name}` });
  return account;
}

/** A new name, a new background scan interval for its servers, or both (admin). */
export async function updateAccount(viewer: User, id: string, input: UpdateAccountInput): Promise<Account> {
  requireRight(viewer, "accounts:write");
  const before = await requireAccount(id);
  let after = before;
  if (input.name !== undefined) {
    await refuseTakenName(input.name, id);
    await renameStoredAccount(id, input.name);
    await appendAudit({ actor: viewer, serverId: null, kind: "account", detail: { action: "rename", accountId: id, previous: before.name, name: input.name }, result: "done", message: `renamed account ${before.name} to ${input.name}` });
    after = { ...after, name: input.name };
  }
  if (input.scanIntervalMinutes !== undefined) {
    const minutes = input.scanIntervalMinutes;
    await setAccountScanInterval(id, minutes);
    await appendAudit({
      actor: viewer, serverId: null, kind: "account", detail: { action: "scan-interval", accountId: id, previous: before.scanIntervalMinutes, scanIntervalMinutes: minutes }, result: "done",
      message: minutes === null ? `turned off background scans for account ${after.name}` : `set background scans every ${minutes} min for account ${after.name}`,
    });
    after = { ...after, scanIntervalMinutes: minutes };
  }
  return after;
}

/** One account with its servers and people (staff). */
export async function getAccount(viewer: User, id: string): Promise<Account & { servers: Server[]; people: Person[] }> {
  requireRight(viewer, "accounts:read");
  const account = await requireAccount(id);
  const [servers, people] = await Promise.all([listServers(viewer, { accountId: id }), listUsers({ accountId: id })]);
  return { ...account, servers, people: people.map(personOf) };
}
