import { expect, test } from "@playwright/test";
import { startLabServer, type LabServer } from "@/lab";
import { addLabServer, logIn } from "@/tests/e2e/support";

// The guarded actions in real Chromium against a real lab server: the httpd parent leaves SIGCHLD
// at default (Reap cannot help) and the namespace's init is tini (so Terminate clears the zombies).
let lab: LabServer;

test.beforeAll(async () => {
  lab = await startLabServer({ name: "e2e-actions", scenario: { parents: [{ comm: "httpd", zombies: 9 }] } });
});
test.afterAll(async () => {
  await lab?.stop();
});

const shot = (name: string) => ({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test("reap fails, terminate after typing the PID clears the zombies, and the audit log lists both", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page);
  const id = await addLabServer(page, lab);

  await page.goto(`/servers/${id}`);
  await page.getByTestId("scan-button").click();
  const httpd = page.getByTestId("zombie-group").filter({ hasText: /httpd \(\d+\): 9 zombies/ });
  await expect(httpd).toHaveCount(1, { timeout: 20_000 });
  const pid = /httpd \((\d+)\)/.exec(await httpd.locator("h3").innerText())?.[1];
  expect(pid).toBeDefined();
  await page.screenshot(shot("01-scan"));

  // Reap: harmless, and here useless: the outcome says 0 were reaped and suggests terminate.
  // A double click sends one request: the button is disabled while it is in flight.
  const actionPosts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith(`/api/servers/${id}/actions`)) actionPosts.push(r.postData() ?? "");
  });
  await httpd.getByTestId("action-reap").dblclick();
  const outcome = httpd.getByTestId("action-outcome");
  await expect(outcome).toContainText("reaped 0 of 9", { timeout: 20_000 });
  expect(actionPosts).toHaveLength(1);
  await expect(outcome).toContainText("Next: terminate");
  await page.screenshot(shot("02-reap-failed"));

  // Terminate: the dialog says what happens and what breaks; confirm stays disabled until the PID is typed.
  await httpd.getByTestId("action-terminate").click();
  const dialog = page.getByTestId("action-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("what-will-happen")).toContainText(`httpd (${pid}) will stop; the sites it serves are down until it is restarted; its 9 zombies pass to init`);
  await expect(dialog.getByTestId("breaks-web")).toBeVisible();
  const confirm = dialog.getByTestId("action-confirm");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type the PID to confirm").fill("1");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type the PID to confirm").fill(pid ?? "");
  await expect(confirm).toBeEnabled();
  await page.screenshot(shot("03-terminate-dialog"));
  await confirm.click();

  await expect(dialog).toBeHidden({ timeout: 30_000 });
  expect(actionPosts).toHaveLength(2);
  expect(JSON.parse(actionPosts[1] ?? "{}")).toMatchObject({ action: "terminate", pid: Number(pid), confirm: Number(pid) });
  await expect(outcome).toContainText(`httpd (${pid}) ended after SIGTERM`);
  await expect(outcome.getByTestId("outcome-zombies")).toHaveText("9 → 0");
  await expect(outcome).toContainText("ended");
  await page.screenshot(shot("04-terminated"));

  // Scan again: the server is healthy now, and the outcome stays on screen above.
  await outcome.getByRole("button", { name: "Scan again" }).click();
  await expect(page.getByTestId("healthy")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("zombie-group").filter({ hasText: /httpd/ })).toHaveCount(0);
  await expect(page.getByTestId("action-outcome")).toContainText(`httpd (${pid}) ended after SIGTERM`);
  await page.screenshot(shot("05-scan-again"));

  // The audit page lists both actions, newest first, read-only.
  await page.getByRole("link", { name: "Audit" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  const rows = page.getByTestId("audit-row");
  const ofHttpd = (action: string) => page.locator(`[data-testid="audit-row"][data-action="${action}"]`).filter({ hasText: `httpd (${pid})` });
  await expect(ofHttpd("terminate")).toHaveCount(1);
  await expect(ofHttpd("reap")).toHaveCount(1);
  await expect(ofHttpd("terminate")).toContainText("done");
  await expect(ofHttpd("reap")).toContainText("done");
  // Newest first: the terminate above the reap.
  await expect(rows.first()).toHaveAttribute("data-action", "terminate");
  await expect(rows.first()).toContainText(lab.name);
  await expect(page.getByRole("button", { name: /delete|edit/i })).toHaveCount(0);
  await page.getByLabel("Person").fill("nobody@");
  await expect(page.getByTestId("audit-empty")).toBeVisible();
  await page.getByLabel("Person").fill("admin@");
  await expect(rows.first()).toBeVisible();
  await page.screenshot(shot("06-audit"));
});

test("the kill dialog asks for a reason when terminate was not tried", async ({ page }) => {
  const other = await startLabServer({ name: "e2e-kill", scenario: { parents: [{ comm: "worker", zombies: 2 }] } });
  try {
    await logIn(page);
    const res = await page.request.post("/api/servers", {
      data: { name: other.name, host: other.host, port: other.port, username: other.username, privateKey: other.privateKey },
      headers: { origin: new URL(page.url()).origin },
    });
    const { id } = (await res.json()) as { id: string };
    await page.goto(`/servers/${id}`);
    await page.getByTestId("scan-button").click();
    const group = page.getByTestId("zombie-group").filter({ hasText: /worker \(\d+\): 2 zombies/ });
    await expect(group).toHaveCount(1, { timeout: 20_000 });
    const pid = /worker \((\d+)\)/.exec(await group.locator("h3").innerText())?.[1] ?? "";
    await group.getByTestId("action-kill").click();
    const dialog = page.getByTestId("action-dialog");
    await dialog.getByLabel("Type the PID to confirm").fill(pid);
    await expect(dialog.getByTestId("action-confirm")).toBeDisabled();
    await dialog.getByLabel("Reason").fill("stuck in a loop, ignores SIGTERM per the customer");
    await expect(dialog.getByTestId("action-confirm")).toBeEnabled();
    await page.screenshot(shot("07-kill-dialog"));
    await dialog.getByTestId("action-confirm").click();
    await expect(group.getByTestId("action-outcome")).toContainText(`worker (${pid}) ended after SIGKILL`, { timeout: 30_000 });
    await page.screenshot(shot("08-killed"));
  } finally {
    await other.stop();
  }
});
