import { expect, test } from "@playwright/test";
import { generateClientKey } from "@/lab/keys";
import { adminApi, logIn, unique } from "@/tests/e2e/support";
import { closedPort } from "@/tests/support/ports";
import { signatureValid, startReceiver, type Receiver } from "@/tests/support/webhook-receiver";

// The alerts page in real Chromium against a real receiver on loopback: a webhook added with its
// secret shown once, "Send test" signed with that secret, the deliveries in the log with what the
// receiver answered; and background-scan intervals set on a server's and an account's page.

let receiver: Receiver;

test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(async () => {
  await receiver?.close();
});

test("a webhook is added, sent a test, and its deliveries show what the receiver answered", async ({ page }) => {
  const path = `/${unique("hook")}`;
  await logIn(page);
  await page.getByRole("link", { name: "Alerts" }).click();
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByRole("heading", { name: "At risk now" })).toBeVisible();

  await page.getByLabel("Receiver URL").fill(receiver.url(path));
  await page.getByRole("button", { name: "Add webhook" }).click();
  const secret = (await page.getByTestId("new-webhook-secret").textContent())?.trim() ?? "";
  expect(secret.length).toBeGreaterThanOrEqual(40);
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByTestId("new-webhook")).toHaveCount(0);

  const card = page.getByTestId("webhook").filter({ hasText: receiver.url(path) });
  await expect(card.getByTestId("deliveries-empty")).toBeVisible();
  // The first answer is a 500: the log shows the status and a retry to come, not a success.
  receiver.answer(500);
  await card.getByRole("button", { name: "Send test" }).click();
  const [first] = await receiver.waitFor(1, path);
  expect(first!.json.event).toBe("test");
  expect(signatureValid(secret, first!.body, first!.headers["x-reaper-signature"])).toBe(true);
  const rows = card.getByTestId("delivery-row");
  await expect(rows.first().getByTestId("delivery-state")).toHaveText("Retrying");
  await expect(rows.first().getByTestId("delivery-outcome")).toContainText("500");

  await card.getByRole("button", { name: "Send test" }).click();
  await receiver.waitFor(2, path);
  await expect(rows).toHaveCount(2);
  await expect(rows.first().getByTestId("delivery-state")).toHaveText("Delivered");
  await expect(rows.first().getByTestId("delivery-outcome")).toHaveText("HTTP 200");
  await expect(rows.nth(1).getByTestId("delivery-state")).toHaveText("Retrying");
  await page.screenshot({ path: test.info().outputPath("alerts.png"), fullPage: true });

  // The secret is never shown again, not after a reload either.
  await page.reload();
  await expect(page.getByTestId("webhook").filter({ hasText: receiver.url(path) })).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  await page.getByTestId("webhook").filter({ hasText: receiver.url(path) }).getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("webhook").filter({ hasText: receiver.url(path) })).toHaveCount(0);
});

test("an account gets thresholds of its own; intervals are set on a server's page and an account's page", async ({ page, baseURL }) => {
  const api = await adminApi(baseURL!);
  const { privateKey } = await generateClientKey("ed25519");
  const account = await api.call<{ id: string }>("POST", "/api/accounts", { name: unique("Interval") });
  // Never scanned here: the address is a closed port, and the interval is turned off again at the end.
  const server = await api.call<{ id: string }>("POST", "/api/servers", { name: unique("interval"), host: "127.0.0.1", port: await closedPort(), username: "root", privateKey, accountId: account.id });
  const stored = async () => (await api.call<{ scanIntervalMinutes: number | null }>("GET", `/api/servers/${server.id}`)).scanIntervalMinutes;

  try {
    await logIn(page);
    await page.goto(`/servers/${server.id}`);
    const box = page.getByTestId("scan-interval");
    await expect(box.getByLabel(/As its account \(off\)/)).toBeChecked();
    await box.getByLabel("Every 5 minutes").check();
    await box.getByRole("button", { name: "Save interval" }).click();
    await expect(box.getByText("Saved")).toBeVisible();
    expect(await stored()).toBe(5);

    const minutes = box.getByLabel("Minutes between scans");
    await minutes.fill("0");
    await box.getByRole("button", { name: "Save interval" }).click();
    await expect(box).toContainText("a whole number from 1 to 1440");
    expect(await stored()).toBe(5);
    await minutes.fill("15");
    await box.getByRole("button", { name: "Save interval" }).click();
    await expect(box.getByText("Saved")).toBeVisible();
    expect(await stored()).toBe(15);
    await page.reload();
    await expect(page.getByTestId("scan-interval").getByLabel("Minutes between scans")).toHaveValue("15");

    await page.goto(`/accounts/${account.id}`);
    const accountBox = page.getByTestId("account-interval");
    await accountBox.getByLabel("Every 5 minutes").check();
    await accountBox.getByRole("button", { name: "Save interval" }).click();
    await expect(accountBox.getByText("Saved")).toBeVisible();
    expect((await api.call<{ scanIntervalMinutes: number | null }>("GET", `/api/accounts/${account.id}`)).scanIntervalMinutes).toBe(5);

    // Thresholds of the account's own: typed mistakes are named per field and nothing is saved.
    await page.goto("/alerts");
    const adding = page.getByTestId("thresholds-new");
    await adding.getByLabel(/Give an account thresholds/).selectOption(account.id);
    await adding.getByLabel(/Zombies above/).fill("-1");
    await adding.getByRole("button", { name: "Save for this account" }).click();
    await expect(adding).toContainText("A whole number from 0 to 4194304");
    await adding.getByLabel(/Zombies above/).fill("40");
    await adding.getByLabel(/PID use above/).fill("");
    await adding.getByRole("button", { name: "Save for this account" }).click();
    const own = page.getByTestId(`thresholds-${account.id}`);
    await expect(own.getByLabel(/Zombies above/)).toHaveValue("40");
    await expect(own.getByLabel(/PID use above/)).toHaveValue("");
    const sets = await api.call<{ accounts: { accountId: string; thresholds: Record<string, number | null> }[] }>("GET", "/api/alerts/thresholds");
    expect(sets.accounts.find((s) => s.accountId === account.id)?.thresholds).toMatchObject({ zombiesAbove: 40, pidUsePercentAbove: null });
    await own.getByRole("button", { name: "Use the global thresholds again" }).click();
    await expect(own).toHaveCount(0);
  } finally {
    await api.call("DELETE", `/api/servers/${server.id}`);
    await api.dispose();
  }
});
