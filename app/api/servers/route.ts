// GET /api/servers: the servers the caller may see; POST /api/servers: add one
import { authedRoute, json } from "@/lib/server/http/route";
import { validate } from "@/lib/server/http/validate";
import { createServerSchema } from "@/lib/shared/schemas/server";
import { createServer, listServers } from "@/lib/server/servers/service";

export const GET = authedRoute(async ({ user }) => json({ servers: await listServers(user) }));

export const POST = authedRoute(async ({ user, body }) => json(await createServer(user, validate(createServerSchema, await body())), 201));
