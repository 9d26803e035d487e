import { expect, test } from "@playwright/test";
import { startLabServer, type LabServer } from "@/lab";
import { ADMIN, addLabServer, logIn } from "@/tests/e2e/support";

// An agent's first session in real Chromium: log in, add a lab server, scan, see the zombies.
let lab: LabServer;

test.beforeAll(async () => {
  lab = await startLabServer({ name: "e2e-web", scenario: { parents: [{ comm: "httpd", zombies: 9 }, { comm: "php-fpm", zombies: 2 }], chainDepth: 4 } });
});
test.afterAll(async () => {
  await lab?.stop();
});

const shot = (name: string) => ({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test("log in, add a lab server, scan it and see its zombies grouped by parent", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.screenshot(shot("01-login"));
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.getByRole("button", { name: "Add server" }).first().click();
  await page.getByLabel("Name", { exact: true }).fill(lab.name);
  await page.getByLabel("Host", { exact: true }).fill(lab.host);
  await page.getByLabel("Port").fill(String(lab.port));
  await page.getByLabel("Username").fill(lab.username);
  await page.getByLabel("Private key").fill(lab.privateKey);
  await page.screenshot(shot("02-add-server"));
  await page.getByRole("button", { name: "Save" }).click();

  const row = page.getByTestId("server-row").filter({ hasText: lab.name });
  await expect(row).toBeVisible();
  await page.screenshot(shot("03-server-list"));
  await row.getByRole("link").first().click();

  await page.getByTestId("scan-button").click();
  const groups = page.getByTestId("zombie-group");
  await expect(groups.first()).toBeVisible({ timeout: 20_000 });
  await expect(groups.filter({ hasText: /httpd \(\d+\): 9 zombies/ })).toHaveCount(1);
  await expect(groups.filter({ hasText: /php-fpm \(\d+\): 2 zombies/ })).toHaveCount(1);
  await expect(page.getByTestId("summary")).toContainText(String(lab.expected.zombies));
  // ps runs after the answer: the parents' users and command lines fill in, and the note saying
  // it still runs goes away.
  await expect(groups.filter({ hasText: /httpd \(\d+\): 9 zombies/ })).toContainText(/user\s*root/);
  await expect(groups.filter({ hasText: /httpd \(\d+\): 9 zombies/ })).toContainText("command");
  await expect(page.getByText("ps is still running on the server")).toHaveCount(0);
  await page.screenshot(shot("04-scan"));
  // The key was typed into this browser minutes ago; no page may ever show it back.
  const keyLine = lab.privateKey.split("\n")[1] ?? "missing";
  expect(await page.content()).not.toContain(keyLine);
  await page.goto("/");
  expect(await page.content()).not.toContain(keyLine);
  await page.goBack({ waitUntil: "load" });
  // The back navigation must be over before the reload, or the reload aborts it (seen under load).
  await expect(page).toHaveURL(/\/servers\//);
  await page.reload();
  await expect(page.getByText(lab.hostKeyFingerprint).first()).toBeVisible();
  await expect(groups.filter({ hasText: /httpd \(\d+\): 9 zombies/ })).toHaveCount(1);
});

test("a healthy server says so", async ({ page }) => {
  const healthy = await startLabServer({ name: "e2e-healthy", scenario: { fillerProcesses: 20 } });
  try {
    await logIn(page);
    const id = await addLabServer(page, healthy);
    await page.goto(`/servers/${id}`);
    await page.getByTestId("scan-button").click();
    await expect(page.getByTestId("healthy")).toBeVisible({ timeout: 20_000 });
    await page.screenshot(shot("05-healthy"));
  } finally {
    await healthy.stop();
  }
});

test("a server whose rc file slows every command says so, with the fix", async ({ page }) => {
  const slow = await startLabServer({ name: "e2e-rc-slow", rcFile: "sleep 0.5\n", scenario: { parents: [{ comm: "httpd", zombies: 1 }] } });
  try {
    await logIn(page);
    const id = await addLabServer(page, slow);
    await page.goto(`/servers/${id}`);
    await page.getByTestId("scan-button").click();
    const hint = page.getByTestId("command-cost-hint");
    await expect(hint).toBeVisible({ timeout: 20_000 });
    await expect(hint).toContainText("~/.bashrc");
    await expect(hint).toContainText("case $- in *i*) ;; *) return ;; esac");
    await page.screenshot(shot("06-rc-file-hint"));
  } finally {
    await slow.stop();
  }
});
