// PATCH /api/users/:id: role, account, password or disabled (admin); DELETE: remove the person (admin)
import { noContent } from "@/lib/server/http/responses";
import { authedRoute, json } from "@/lib/server/http/route";
import { validate } from "@/lib/server/http/validate";
import { deletePerson, updatePerson } from "@/lib/server/people/people";
import { updateUserSchema } from "@/lib/shared/schemas/people";

type P = { id: string };

export const PATCH = authedRoute<P>(async ({ user, params, body }) => json({ user: await updatePerson(user, params.id, validate(updateUserSchema, await body())) }));

export const DELETE = authedRoute<P>(async ({ user, params }) => {
  await deletePerson(user, params.id);
  return noContent();
});
