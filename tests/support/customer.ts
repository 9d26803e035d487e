// A customer and its account, written straight into the app's database (there is no users API yet).
export const CUSTOMER = { email: "customer@example.com", password: "customer-password-1" };

export async function createCustomer(dataDir: string, accountId = "acc_test_customer"): Promise<string> {
  process.env.REAPER_DATA_DIR = dataDir;
  const { getDb, closeDb } = await import("@/lib/server/db/client");
  const { createUser } = await import("@/lib/server/auth/users");
  const db = await getDb();
  await db.insertInto("accounts").values({ id: accountId, name: "Customer Ltd", created_at: new Date().toISOString() }).execute();
  await createUser({ ...CUSTOMER, role: "customer", accountId });
  await closeDb();
  return accountId;
}
