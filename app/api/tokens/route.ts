// GET /api/tokens: the caller's API tokens (never their secrets); POST: make one, shown once
import { createToken, listTokens } from "@/lib/server/auth/tokens";
import { authedRoute, json } from "@/lib/server/http/route";
import { validate } from "@/lib/server/http/validate";
import { tokenSchema } from "@/lib/shared/schemas/people";

export const GET = authedRoute(async ({ user }) => json({ tokens: await listTokens(user) }));

export const POST = authedRoute(async ({ user, body }) => json(await createToken(user, validate(tokenSchema, await body()).name), 201));
