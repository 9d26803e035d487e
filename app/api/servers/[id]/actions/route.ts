// POST /api/servers/:id/actions: signal a zombie's parent (reap, terminate, kill), guarded and audited
import { authedRoute, json } from "@/lib/server/http/route";
import { runAction } from "@/lib/server/actions/run-action";

export const POST = authedRoute<{ id: string }>(async ({ user, params, body }) => json(await runAction(user, params.id, await body())));
