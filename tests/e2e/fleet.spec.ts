import { expect, test } from "@playwright/test";
import { startLabServer, type LabServer } from "@/lab";
import { adminApi, logIn, unique } from "@/tests/e2e/support";
import { closedPort } from "@/tests/support/ports";

// The fleet page in real Chromium: hundreds of rows without hundreds of DOM rows, a scan of a
// selection that fills the rows in live, and the leaking server sorted to the top.

let leaky: LabServer;
let calm: LabServer;
const IDLE = 300;

test.beforeAll(async () => {
  [leaky, calm] = await Promise.all([
    startLabServer({ name: "e2e-fleet-leaky", scenario: { parents: [{ comm: "php-fpm", zombies: 130 }] } }),
    startLabServer({ name: "e2e-fleet-calm", scenario: { parents: [{ comm: "httpd", zombies: 1 }] } }),
  ]);
});
test.afterAll(async () => {
  await Promise.all([leaky?.stop(), calm?.stop()]);
});

test("the fleet fills in live as a scan runs and puts the worst server first", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const tag = unique("fl");
  const api = await adminApi(baseURL!);
  const add = (name: string, host: string, port: number, privateKey = leaky.privateKey) => api.call("POST", "/api/servers", { name, host, port, username: "root", privateKey });
  // Listed first by name, so only the risk order can put the leaky one on top.
  await add(`${tag}-a-calm`, calm.host, calm.port, calm.privateKey);
  await add(`${tag}-b-down`, "127.0.0.1", await closedPort());
  await add(`${tag}-z-leaky`, leaky.host, leaky.port);
  const idlePort = await closedPort();
  for (let i = 0; i < IDLE; i++) await add(`${tag}-idle-${String(i).padStart(3, "0")}`, "127.0.0.1", idlePort);
  await api.dispose();

  await logIn(page);
  await page.getByRole("link", { name: "Fleet" }).click();
  await expect(page).toHaveURL(/\/fleet$/, { timeout: 30_000 });
  await expect(page.getByTestId("fleet-counts")).toContainText(/\d+ servers/, { timeout: 30_000 });
  // Hundreds of servers, a few dozen rows in the page.
  const rows = page.getByTestId("fleet-row");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeLessThan(60);
  const viewport = page.getByTestId("fleet-viewport");
  await viewport.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(rows.filter({ hasText: `${tag}-idle-299` })).toBeVisible();
  expect(await rows.count()).toBeLessThan(60);

  // This test's three live servers, picked one by one (the selection outlasts the search).
  const search = page.getByLabel("Search");
  for (const name of ["a-calm", "b-down", "z-leaky"]) {
    await search.fill(`${tag}-${name}`);
    await expect(rows).toHaveCount(1);
    await expect(rows.first().getByTestId("fleet-risk")).toHaveText("Not scanned");
    await rows.first().getByRole("checkbox").check();
  }
  await search.fill("");
  // A mark that a reload would wipe: the results must arrive in this very page.
  await page.evaluate(() => ((window as unknown as { fleetMark: number }).fleetMark = 1));
  await page.getByRole("button", { name: "Scan 3 selected" }).click();

  const progress = page.getByTestId("fleet-progress");
  await expect(progress).toBeVisible();
  await expect(progress).toContainText(/Scan finished: 3 of 3 servers answered, 1 failed/, { timeout: 60_000 });

  // Live: the page was never reloaded, and the rows carry the scan's results, worst first.
  expect(await page.evaluate(() => (window as unknown as { fleetMark?: number }).fleetMark)).toBe(1);
  await search.fill(tag);
  const mine = rows.filter({ hasNotText: "-idle-" });
  await expect(mine).toHaveCount(3);
  await expect(mine.first()).toContainText(`${tag}-z-leaky`);
  await expect(mine.first().getByTestId("fleet-risk")).toHaveText("At risk");
  await expect(mine.first().getByTestId("fleet-zombies")).toHaveText("130");
  await expect(mine.filter({ hasText: `${tag}-b-down` }).getByTestId("fleet-reach")).toContainText("SSH_UNREACHABLE");
  await expect(mine.filter({ hasText: `${tag}-a-calm` }).getByTestId("fleet-reach")).toHaveText("reachable");
  await expect(mine.nth(1)).toContainText(`${tag}-b-down`);
  await expect(mine.nth(2)).toContainText(`${tag}-a-calm`);
  await page.screenshot({ path: test.info().outputPath("fleet.png"), fullPage: true });
});
