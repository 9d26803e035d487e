// GET /api/servers: the servers the caller may see; POST /api/servers: add one
import { authedRoute, json } from "@/lib/api/route";
import { validate } from "@/lib/api/validate";
import { createServerSchema } from "@/lib/schemas/server";
import { createServer, listServers } from "@/lib/servers/service";

export const GET = authedRoute(async ({ user }) => json({ servers: await listServers(user) }));

export const POST = authedRoute(async ({ user, body }) => json(await createServer(user, validate(createServerSchema, await body())), 201));
