// GET /api/me: who is calling
import { authedRoute, json } from "@/lib/server/http/route";

export const GET = authedRoute(async ({ user }) => json({ user }));
