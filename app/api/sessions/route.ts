// GET /api/sessions: where the caller is logged in, the current session marked
import { listSessions } from "@/lib/server/auth/sessions";
import { authedRoute, json } from "@/lib/server/http/route";

export const GET = authedRoute(async ({ user, caller }) => json({ sessions: await listSessions(user, caller.sessionId) }));
