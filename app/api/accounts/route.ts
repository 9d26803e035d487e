// GET /api/accounts: every customer account (staff); POST: create one (admin)
import { authedRoute, json } from "@/lib/server/http/route";
import { validate } from "@/lib/server/http/validate";
import { createAccount, listAccounts } from "@/lib/server/people/accounts";
import { accountSchema } from "@/lib/shared/schemas/people";

export const GET = authedRoute(async ({ user }) => json({ accounts: await listAccounts(user) }));

export const POST = authedRoute(async ({ user, body }) => json(await createAccount(user, validate(accountSchema, await body())), 201));
