import { expect, request, test } from "@playwright/test";
import { ADMIN, expectNoSideScroll, logIn, unique, watchCsp } from "@/tests/e2e/support";

// An admin sets up a customer in real Chromium: an account, a customer login and an API token; the
// customer's own token then does nothing beyond the customer's rights.
const shot = (name: string) => ({ path: test.info().outputPath(`${name}.png`), fullPage: true });

/** Calls the API with only a bearer token, as an integration would (no cookie, no Origin). */
async function withToken(baseURL: string, token: string) {
  const ctx = await request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  return {
    status: async (method: string, path: string, data?: unknown) => (await ctx.fetch(path, { method, data })).status(),
    json: async <T>(path: string) => (await (await ctx.get(path)).json()) as T,
    dispose: () => ctx.dispose(),
  };
}

test("an admin creates an account, a customer and a token; the customer's token creates nothing beyond its rights", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const base = baseURL ?? "";
  const csp = watchCsp(page);
  await logIn(page);

  // An account.
  const accountName = unique("Acme Hosting");
  await page.getByRole("link", { name: "Accounts" }).click();
  await page.getByLabel("New account").fill(accountName);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("account-name")).toHaveText(accountName);
  await page.screenshot(shot("01-account"));

  // A customer login in it.
  const customer = { email: `${unique("dana")}@acme.test`, password: "dana-password-1" };
  await page.getByTestId("add-person").click();
  await page.getByLabel("Email").fill(customer.email);
  await page.getByLabel("First password").fill(customer.password);
  await expect(page.getByLabel("Role")).toHaveValue("customer");
  await page.getByRole("button", { name: "Add person" }).click();
  const row = page.locator(`[data-testid="person-row"][data-email="${customer.email}"]`);
  await expect(row).toContainText("customer");
  await expect(row.getByTestId("person-status")).toHaveText("active");
  await page.screenshot(shot("02-customer-added"));

  // The admin's own token: shown once, then only its name.
  await page.getByRole("link", { name: "Tokens" }).click();
  await page.getByLabel("Token name").fill("Ticket system");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token-secret").innerText()).trim();
  expect(secret).toMatch(/^rpr_/);
  await page.screenshot(shot("03-token-shown-once"));
  const adminBot = await withToken(base, secret);
  expect((await adminBot.json<{ user: { email: string } }>("/api/me")).user.email).toBe(ADMIN.email);
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);
  const tokenRow = page.getByTestId("token-row").filter({ hasText: "Ticket system" });
  await expect(tokenRow.getByTestId("token-last-used")).not.toHaveText("never");
  // Revoked: it stops working at once.
  await tokenRow.getByRole("button", { name: "Revoke Ticket system" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(tokenRow).toHaveCount(0);
  expect(await adminBot.status("GET", "/api/me")).toBe(401);
  await adminBot.dispose();

  // The customer, in a browser of its own, makes a token on its Tokens page.
  const theirs = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await theirs.newPage();
  await logIn(phone, customer, /\/$/);
  await expect(phone.getByTestId("no-servers")).toBeVisible();
  await phone.getByRole("link", { name: "Tokens" }).click();
  await phone.getByLabel("Token name").fill("Monitoring");
  await phone.getByRole("button", { name: "Create token" }).click();
  const customerSecret = (await phone.getByTestId("new-token-secret").innerText()).trim();
  await expectNoSideScroll(phone);
  await phone.screenshot(shot("04-customer-token"));
  const bot = await withToken(base, customerSecret);
  expect((await bot.json<{ user: { role: string } }>("/api/me")).user.role).toBe("customer");
  expect(await bot.status("POST", "/api/servers", { name: "sneaky", host: "127.0.0.1", username: "root", password: "pw" })).toBe(403);
  expect(await bot.status("POST", "/api/accounts", { name: unique("Mine now") })).toBe(403);
  expect(await bot.status("POST", "/api/users", { email: `${unique("evil")}@acme.test`, password: "password-1", role: "admin" })).toBe(403);
  expect(await bot.status("GET", "/api/users")).toBe(403);
  expect((await bot.json<{ servers: unknown[] }>("/api/servers")).servers).toEqual([]);
  await bot.dispose();
  await theirs.close();

  // Who did what: the customer's row on the People page leads to its activity.
  await page.getByRole("link", { name: "People" }).click();
  await page.locator(`[data-testid="person-row"][data-email="${customer.email}"]`).getByRole("link", { name: "Activity" }).click();
  await expect(page.getByTestId("actor-filter")).toContainText(customer.email);
  await expect(page.locator('[data-testid="audit-row"][data-action="create"]').filter({ hasText: "Monitoring" })).toHaveCount(1);
  await page.screenshot(shot("05-activity"));

  // Disable: the customer is logged out everywhere.
  await page.getByRole("link", { name: "People" }).click();
  const personRow = page.locator(`[data-testid="person-row"][data-email="${customer.email}"]`);
  await personRow.getByRole("button", { name: `Disable ${customer.email}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable" }).click();
  await expect(personRow.getByTestId("person-status")).toHaveText("disabled");
  expect(csp).toEqual([]);
});
