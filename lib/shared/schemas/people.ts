import { z } from "zod";
import { ROLES } from "@/lib/shared/auth/types";
import { scanIntervalSchema } from "@/lib/shared/schemas/scan-interval";
import { nameSchema } from "@/lib/shared/schemas/text";

const email = z.string("is required").trim().toLowerCase().max(254, "is too long").pipe(z.email("must be an email address, e.g. alice@example.com"));
const password = z.string("is required").min(8, "must be at least 8 characters").max(1024, "must be at most 1024 characters");
const role = z.enum(ROLES, "must be admin, agent or customer");
const accountId = z.string("must be an account id").min(1, "must be an account id").max(64, "is too long").nullable();

export const accountSchema = z.object({ name: nameSchema() }).strict();

export const updateAccountSchema = z
  .object({ name: nameSchema(), scanIntervalMinutes: scanIntervalSchema })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "is empty: send name, scanIntervalMinutes or both", path: [] });

export const createUserSchema = z
  .object({ email, password, role, accountId: accountId.optional() })
  .strict()
  .superRefine((v, ctx) => {
    if (v.role === "customer" && !v.accountId) ctx.addIssue({ code: "custom", path: ["accountId"], message: "is required for a customer: the account whose servers they see" });
    if (v.role !== "customer" && v.accountId) ctx.addIssue({ code: "custom", path: ["accountId"], message: "must be left out for staff: only customers belong to an account" });
  });

export const updateUserSchema = z
  .object({ role, accountId, disabled: z.boolean("must be true or false"), password })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "is empty: send at least one of role, accountId, disabled, password", path: [] });

export const tokenSchema = z.object({ name: nameSchema() }).strict();

export type AccountInput = z.infer<typeof accountSchema>;
export type UpdateAccountInput = z.infer<typeof updateAccountSchema>;
export type CreateUserInput = z.infer<typeof createUserSchema>;
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
