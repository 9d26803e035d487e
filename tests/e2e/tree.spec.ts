import { expect, test, type Page } from "@playwright/test";
import { startLabServer, type LabServer } from "@/lab";
import { addLabServer, logIn } from "@/tests/e2e/support";

// The parent tree and 503 triage in real Chromium: a lab host with a 6-deep chain and ~2,000 processes.
let lab: LabServer;

test.beforeAll(async () => {
  lab = await startLabServer({ name: "e2e-tree", scenario: { parents: [{ comm: "httpd", zombies: 9 }], chainDepth: 6, fillerProcesses: 2000 } });
});
test.afterAll(async () => {
  await lab?.stop();
});

const shot = (name: string, fullPage = true) => ({ path: test.info().outputPath(`${name}.png`), fullPage });

async function logInAndScan(page: Page): Promise<void> {
  await logIn(page);
  const id = await addLabServer(page, lab);
  await page.goto(`/servers/${id}`);
  await page.getByTestId("scan-button").click();
  await expect(page.getByTestId("triage-verdict")).toBeVisible({ timeout: 30_000 });
}

test("triage, the deep chain's parent tree, and a windowed, searchable, keyboard-usable host tree", async ({ page }) => {
  await logInAndScan(page);
  await expect(page.getByTestId("triage-verdict")).toContainText(/Likely cause of 503|No process-level cause found/);
  await expect(page.getByTestId("triage-gauges")).toContainText("PID pressure");
  await expect(page.getByTestId("triage-gauges")).toContainText("from:");
  await page.screenshot(shot("01-triage", false));

  // The deep chain: PID 1 at the top, at least six levels down to the parent, its zombies as one node.
  const deep = page.getByTestId("zombie-group").filter({ hasText: /deep-chain \(\d+\)/ });
  await expect(deep).toHaveCount(1);
  const tree = deep.getByTestId("parent-tree");
  await expect(tree).toBeVisible();
  const nodes = tree.locator("li");
  await expect(nodes.first()).toContainText("(1)");
  expect(await nodes.count()).toBeGreaterThanOrEqual(7);
  await expect(tree).toContainText("the process that should collect these");
  const zombieNode = tree.getByTestId("zombie-node");
  await expect(zombieNode).toContainText(/\d+ × .+<defunct>/);
  await zombieNode.getByRole("button").first().click();
  await expect(zombieNode.locator("li").first()).toBeVisible();
  await deep.scrollIntoViewIfNeeded();
  await deep.screenshot({ path: test.info().outputPath("02-parent-tree.png") });

  // The whole host, fully expanded, still puts only a window of rows in the DOM.
  const host = page.getByTestId("host-tree");
  await expect(host).toBeVisible();
  await page.getByRole("button", { name: "Expand all" }).click();
  const rows = host.getByTestId("tree-row");
  await expect(rows.first()).toBeVisible();
  const total = await host.evaluate((el) => (el.firstElementChild as HTMLElement).offsetHeight / 28);
  expect(total).toBeGreaterThan(2000);
  expect(await rows.count()).toBeLessThan(100);
  await host.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(rows.first()).not.toHaveAttribute("data-index", "0");
  expect(await rows.count()).toBeLessThan(100);
  const somePid = Number(await rows.nth(5).getAttribute("data-pid"));
  await host.scrollIntoViewIfNeeded();
  await page.screenshot(shot("03-host-tree", false));

  // Search by name, then by PID.
  const search = page.getByTestId("tree-search");
  await expect(page.getByLabel("Search processes")).toBeVisible();
  await search.fill("deep-chain");
  const found = host.locator('[data-testid="tree-row"]', { hasText: "deep-chain" });
  await expect(found.first()).toBeVisible();
  await page.screenshot(shot("04-search-name", false));
  await search.fill(String(somePid));
  await expect(host.locator(`[data-testid="tree-row"][data-pid="${somePid}"]`)).toBeVisible();
  expect(await rows.count()).toBeLessThan(20);
  await search.fill("");

  // Keyboard: focus PID 1, Right expands, Down moves, Enter opens the details.
  await page.getByRole("button", { name: "Collapse all" }).click();
  const first = host.locator('[data-testid="tree-row"][data-pid="1"]');
  await first.click();
  await expect(first).toBeFocused();
  await expect(first).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("ArrowRight");
  await expect(first).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowDown");
  const second = host.locator('[data-testid="tree-row"][data-index="1"]');
  await expect(second).toBeFocused();
  const secondPid = await second.getAttribute("data-pid");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("process-details")).toContainText(`(${secondPid})`);
  await page.screenshot(shot("05-details", false));

  // History: a second scan adds a point; the older point opens the older scan.
  await page.getByTestId("scan-button").click();
  const chart = page.getByTestId("history-chart");
  await expect(chart).toContainText("Over the last 2 scans", { timeout: 30_000 });
  await chart.locator("a").first().click();
  await expect(page.getByText("Older scan:")).toBeVisible();
  await chart.screenshot({ path: test.info().outputPath("06-history.png") });
});
