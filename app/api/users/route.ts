// GET /api/users: everyone who can log in (admin); POST: add a person with a role (admin)
import { authedRoute, json } from "@/lib/server/http/route";
import { validate } from "@/lib/server/http/validate";
import { createPerson, listPeople } from "@/lib/server/people/people";
import { createUserSchema } from "@/lib/shared/schemas/people";

export const GET = authedRoute(async ({ user }) => json({ users: await listPeople(user) }));

export const POST = authedRoute(async ({ user, body }) => json({ user: await createPerson(user, validate(createUserSchema, await body())) }, 201));
