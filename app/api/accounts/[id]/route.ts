// GET /api/accounts/:id: one account with its servers and people (staff); PATCH: rename it or set
// its servers' background scan interval (admin)
import { authedRoute, json } from "@/lib/server/http/route";
import { validate } from "@/lib/server/http/validate";
import { getAccount, updateAccount } from "@/lib/server/people/accounts";
import { updateAccountSchema } from "@/lib/shared/schemas/people";

type P = { id: string };

export const GET = authedRoute<P>(async ({ user, params }) => json(await getAccount(user, params.id)));

export const PATCH = authedRoute<P>(async ({ user, params, body }) => json(await updateAccount(user, params.id, validate(updateAccountSchema, await body()))));
