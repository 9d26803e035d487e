// GET /api/health: 200 when the store answers, 503 otherwise (no login: for load balancers)
import { publicRoute } from "@/lib/server/http/route";
import { json } from "@/lib/server/http/responses";
import { storeAnswers } from "@/lib/server/db/health";

export const GET = publicRoute(async () => ((await storeAnswers()) ? json({ ok: true }) : json({ ok: false }, 503)));
