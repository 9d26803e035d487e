import { expect, test } from "@playwright/test";
import { startLabServer, type LabServer } from "@/lab";
import { namespaceProcesses } from "@/lab/proc-scan";
import { addLabServer, logIn } from "@/tests/e2e/support";

// Restart service in real Chromium against a lab server whose php-fpm master is the main process of
// php-fpm.service (restarted by the lab's stand-in systemctl, which stands in for systemd there).
let lab: LabServer;

test.beforeAll(async () => {
  lab = await startLabServer({
    name: "e2e-restart",
    scenario: { units: [{ name: "php-fpm.service", description: "The PHP 8.2 FastCGI Process Manager", parent: { comm: "php-fpm", zombies: 6, liveChildren: 2 } }] },
  });
});
test.afterAll(async () => {
  await lab?.stop();
});

const shot = (name: string) => ({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test("a unit-owned web master offers Restart service first; the dialog shows what it stops; the outcome shows the unit back and the zombies gone", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page);
  const id = await addLabServer(page, lab);

  await page.goto(`/servers/${id}`);
  await page.getByTestId("scan-button").click();
  const fpm = page.getByTestId("zombie-group").filter({ hasText: /php-fpm \(\d+\): 6 zombies/ });
  await expect(fpm).toHaveCount(1, { timeout: 20_000 });
  const pid = /php-fpm \((\d+)\)/.exec(await fpm.locator("h3").innerText())?.[1] ?? "";
  expect(pid).not.toBe("");

  // The lasting fix is named under the parent, with a link to the project's guide.
  const fix = fpm.getByTestId("lasting-fix");
  await expect(fix).toContainText("pm.max_requests");
  await expect(fix.getByRole("link", { name: "How to →" })).toHaveAttribute("href", "/fixes#php-fpm");

  // A web server's master in a unit: Restart service is the first, primary button.
  const buttons = fpm.locator("button[data-testid^='action-']");
  await expect(buttons.first()).toHaveAttribute("data-testid", "action-restart");
  await expect(fpm.getByTestId("action-terminate")).toBeVisible();
  await page.screenshot(shot("01-restart-offered"));

  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith(`/api/servers/${id}/actions`)) posts.push(r.postData() ?? "");
  });
  await fpm.getByTestId("action-restart").click();
  const dialog = page.getByTestId("restart-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("what-will-happen")).toContainText(`php-fpm.service stops (every process in it, php-fpm (${pid}) included) and starts again; the sites it serves are down`);
  // What it stops, read from the server: the unit's description and its other processes.
  await expect(dialog.getByTestId("unit-description")).toContainText("The PHP 8.2 FastCGI Process Manager", { timeout: 20_000 });
  await expect(dialog.getByTestId("unit-description")).toContainText(`active, main PID ${pid}`);
  await expect(dialog.getByTestId("unit-processes")).toContainText("All 3 processes in it stop");
  const confirm = dialog.getByTestId("restart-confirm");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type the PID to confirm").fill(pid);
  await expect(confirm).toBeEnabled();
  await page.screenshot(shot("02-restart-dialog"));
  await confirm.click();

  await expect(dialog).toBeHidden({ timeout: 60_000 });
  expect(posts).toHaveLength(1);
  expect(JSON.parse(posts[0] ?? "{}")).toMatchObject({ action: "restart", pid: Number(pid), confirm: Number(pid), unit: "php-fpm.service" });
  const outcome = fpm.getByTestId("action-outcome");
  await expect(outcome).toContainText(`php-fpm.service restarted: php-fpm (${pid}) ended and its 6 zombies were reaped; the unit is active again with main PID`);
  await expect(outcome.getByTestId("outcome-zombies")).toHaveText("6 → 0");
  const unitLine = await outcome.getByTestId("outcome-unit").innerText();
  const mainPid = Number(/main PID (\d+)/.exec(unitLine)?.[1]);
  expect(mainPid).toBeGreaterThan(0);
  expect(mainPid).not.toBe(Number(pid));
  await page.screenshot(shot("03-restarted"));

  // The server agrees: a new php-fpm master without zombies; a new scan is healthy.
  const procs = await namespaceProcesses(lab.initPid);
  expect(procs.filter((p) => p.comm === "php-fpm" && p.ppid === 1).map((p) => p.pid)).toEqual([mainPid]);
  expect(procs.filter((p) => p.state === "Z")).toHaveLength(0);
  await outcome.getByRole("button", { name: "Scan again" }).click();
  await expect(page.getByTestId("healthy")).toBeVisible({ timeout: 20_000 });
  await page.screenshot(shot("04-scan-again"));

  // The guide the fix linked to.
  await page.goto("/fixes#php-fpm");
  await expect(page.locator("#php-fpm")).toContainText("pm.max_requests = 500");
});
