// POST /api/servers/:id/host-key: pin a new host key after a verified change (audited)
import { authedRoute, json } from "@/lib/server/http/route";
import { validate } from "@/lib/server/http/validate";
import { pinHostKeySchema } from "@/lib/shared/schemas/host-key";
import { pinHostKey } from "@/lib/server/servers/pin-host-key";

export const POST = authedRoute<{ id: string }>(async ({ user, params, body }) => {
  const { fingerprint } = validate(pinHostKeySchema, await body());
  return json(await pinHostKey(user, params.id, fingerprint));
});
