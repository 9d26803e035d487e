// GET /api/health: 200 when the store answers and the job queue runs and answers, 503 naming the
// failing parts otherwise (no login: for load balancers)
import { publicRoute } from "@/lib/server/http/route";
import { json } from "@/lib/server/http/responses";
import { storeAnswers } from "@/lib/server/db/health";
import { jobQueue } from "@/lib/server/jobs/queue";

export const GET = publicRoute(async () => {
  const [store, queue] = await Promise.all([storeAnswers(), jobQueue().answers()]);
  if (store && queue) return json({ ok: true });
  return json({ ok: false, failing: [...(store ? [] : ["store"]), ...(queue ? [] : ["queue"])] }, 503);
});
