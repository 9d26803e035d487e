// POST /api/servers/:id/actions: signal a zombie's parent (reap, terminate, kill), guarded and audited
import { authedRoute, json } from "@/lib/api/route";
import { runAction } from "@/lib/actions/run-action";

export const POST = authedRoute<{ id: string }>(async ({ user, params, body }) => json(await runAction(user, params.id, await body())));
