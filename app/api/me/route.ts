// GET /api/me: who is calling
import { authedRoute, json } from "@/lib/api/route";

export const GET = authedRoute(async ({ user }) => json({ user }));
