import { expect } from "vitest";
import type { ApiClient } from "@/tests/support/api-client";

// A customer and its account, made through the API as an admin would.
export const CUSTOMER = { email: "customer@example.com", password: "customer-password-1" };

export async function createCustomer(admin: ApiClient, accountName = "Customer Ltd"): Promise<string> {
  const account = await admin.call<{ id: string }>("POST", "/api/accounts", { name: accountName });
  expect(account.status).toBe(201);
  expect((await admin.call("POST", "/api/users", { ...CUSTOMER, role: "customer", accountId: account.body.id })).status).toBe(201);
  return account.body.id;
}
