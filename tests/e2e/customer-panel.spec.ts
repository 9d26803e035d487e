import { expect, test } from "@playwright/test";
import { startLabServer, type LabServer } from "@/lab";
import { namespaceProcesses } from "@/lab/proc-scan";
import { adminApi, expectNoSideScroll, logIn, unique, watchCsp } from "@/tests/e2e/support";

// The customer's self-service panel on a phone-sized screen (390 px), in real Chromium, against a
// real lab server whose php-fpm leaks zombies and ignores SIGCHLD (so Reap cannot help and the
// restart must), and whose init (tini) reaps what the restart leaves behind.
let lab: LabServer;
// The agent's own lab (the customer's test clears the first one): zombies, a deep tree, busy hosts.
let agentLab: LabServer;

test.beforeAll(async () => {
  [lab, agentLab] = await Promise.all([
    startLabServer({ name: "e2e-panel", scenario: { parents: [{ comm: "php-fpm", zombies: 6, liveChildren: 1 }] } }),
    startLabServer({ name: "e2e-panel-agent", scenario: { parents: [{ comm: "httpd", zombies: 12, childComm: "php5.cgi" }, { comm: "web worker)", zombies: 3 }], chainDepth: 6, fillerProcesses: 20 } }),
  ]);
});
test.afterAll(async () => {
  await Promise.all([lab?.stop(), agentLab?.stop()]);
});

test.use({ viewport: { width: 390, height: 844 } });

const shot = (name: string) => ({ path: test.info().outputPath(`${name}.png`), fullPage: true });

type Made = { customer: { email: string; password: string }; serverA: string; serverB: string };

async function setUp(baseURL: string, machine: LabServer = lab): Promise<Made> {
  const api = await adminApi(baseURL);
  try {
    const accountA = await api.call<{ id: string }>("POST", "/api/accounts", { name: unique("Panel Customer") });
    const accountB = await api.call<{ id: string }>("POST", "/api/accounts", { name: unique("Someone Else") });
    const customer = { email: `${unique("carla")}@customer.test`, password: "carla-password-1" };
    await api.call("POST", "/api/users", { ...customer, role: "customer", accountId: accountA.id });
    const server = (name: string, accountId: string) =>
      api.call<{ id: string }>("POST", "/api/servers", { name, host: machine.host, port: machine.port, username: machine.username, privateKey: machine.privateKey, accountId });
    const serverA = (await server("shop-web", accountA.id)).id;
    const serverB = (await server(unique("other-web"), accountB.id)).id;
    return { customer, serverA, serverB };
  } finally {
    await api.dispose();
  }
}

test("a customer logs in, checks the server, reaps, restarts the leaking program after typing the PID, and cannot reach another account's server", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const made = await setUp(baseURL ?? "");
  const csp = watchCsp(page);

  await logIn(page, made.customer, new RegExp(`/panel/${made.serverA}$`));
  await expect(page.getByRole("heading", { name: "Is my server healthy?" })).toBeVisible();
  await expect(page.getByTestId("panel-answer")).toHaveText("Not checked yet");
  await expect(page.getByTestId("current-user")).toBeVisible();
  await expect(page.getByRole("button", { name: "Log out", exact: true })).toBeInViewport();
  await expectNoSideScroll(page);
  await page.screenshot(shot("01-panel-not-checked"));

  await page.getByTestId("check-now").click();
  await expect(page.getByTestId("panel-answer")).toHaveText("It needs attention", { timeout: 30_000 });
  await expect(page.getByTestId("last-check")).toContainText("Last checked");
  await expect(page.getByTestId("zombie-explainer")).toContainText("503 Service Unavailable");
  const leak = page.getByTestId("leak");
  await expect(leak).toHaveCount(1);
  await expect(leak.getByRole("heading")).toHaveText("php-fpm: your PHP worker manager");
  await expect(leak.getByTestId("leak-facts")).toContainText("6 zombies behind, the oldest for a few minutes");
  await expect(page.getByTestId("pid-headroom")).toContainText("process IDs are in use");
  // No agent tools on the customer's page.
  await expect(page.getByRole("button", { name: /^Kill/ })).toHaveCount(0);
  await expectNoSideScroll(page);
  await page.screenshot(shot("02-panel-zombies"));

  // The safe step first: php-fpm ignores it, and the panel says so and points to step 2.
  await leak.getByTestId("panel-reap").click();
  await expect(leak.getByTestId("panel-outcome-summary")).toHaveText("The program did not clean up when asked. The next step is to restart it.", { timeout: 30_000 });
  await expect(leak.getByTestId("panel-outcome")).toContainText("reaped 0 of 6");
  await page.screenshot(shot("03-reap-did-not-help"));

  // The stronger step: what it breaks, then the typed PID.
  await leak.getByTestId("panel-restart").click();
  const dialog = page.getByTestId("action-dialog");
  await expect(dialog).toBeVisible();
  const title = page.getByRole("dialog").getByRole("heading", { level: 2 });
  const pid = /\((\d+)\)\?$/.exec((await title.innerText()).trim())?.[1] ?? "";
  expect(pid).toMatch(/^\d+$/);
  await expect(title).toHaveText(`Restart php-fpm (${pid})?`);
  await expect(dialog.getByTestId("breaks-children")).toContainText("1 live child loses its parent: php-fpm");
  await expect(dialog.getByTestId("breaks-web")).toBeVisible();
  const confirm = dialog.getByTestId("action-confirm");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type the PID to confirm").fill(pid);
  await expect(confirm).toHaveText(`Restart php-fpm (${pid})`);
  await expectNoSideScroll(page);
  await page.screenshot(shot("04-restart-dialog"));
  await confirm.click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(leak.getByTestId("panel-outcome-summary")).toHaveText("All 6 zombies are gone. The program stopped; it starts again if its service restarts it.");
  await expect(leak.getByTestId("panel-outcome")).toContainText(`php-fpm (${pid}) ended after SIGTERM`);
  const procs = await namespaceProcesses(lab.initPid);
  expect(procs.find((p) => p.pid === Number(pid))).toBeUndefined();
  expect(procs.filter((p) => p.state === "Z")).toHaveLength(0);
  await page.screenshot(shot("05-restarted"));

  // Check again: healthy, and what was done is still on the page.
  await leak.getByRole("button", { name: "Check again" }).click();
  await expect(page.getByTestId("panel-answer")).toHaveText("Yes, it looks healthy", { timeout: 30_000 });
  await expect(page.getByTestId("panel-outcome-summary")).toContainText("All 6 zombies are gone");
  await expectNoSideScroll(page);
  await page.screenshot(shot("06-healthy"));

  // Its own activity: what was done on its server, by whom.
  await page.getByRole("link", { name: "Activity" }).click();
  await expect(page.locator('[data-testid="audit-row"][data-action="terminate"]')).toHaveCount(1);

  // Another account's server, by URL: the 404 page, whichever way it is asked for.
  for (const url of [`/panel/${made.serverB}`, `/servers/${made.serverB}`]) {
    const res = await page.goto(url);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Nothing here" })).toBeVisible();
  }
  // Its own server's agent page opens as its panel.
  await page.goto(`/servers/${made.serverA}`);
  await expect(page).toHaveURL(new RegExp(`/panel/${made.serverA}$`));
  expect(csp).toEqual([]);
});

test("an agent opens the same panel with View as customer; the header fits a phone on every page", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const made = await setUp(baseURL ?? "", agentLab);
  const csp = watchCsp(page);
  await logIn(page);
  for (const url of ["/", `/servers/${made.serverA}`, "/audit", "/fixes", "/accounts", "/people", "/tokens", "/sessions"]) {
    await page.goto(url);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Log out", exact: true })).toBeInViewport();
    await expectNoSideScroll(page);
  }
  await page.goto(`/servers/${made.serverA}`);
  await page.getByTestId("scan-button").click();
  await expect(page.getByTestId("zombie-group").first()).toBeVisible({ timeout: 30_000 });
  await expectNoSideScroll(page);
  await page.screenshot(shot("07-agent-server-page"));
  await page.getByTestId("view-as-customer").click();
  await expect(page).toHaveURL(new RegExp(`/panel/${made.serverA}$`));
  await expect(page.getByTestId("staff-view")).toContainText("as its customer does");
  await expect(page.getByRole("heading", { name: "Is my server healthy?" })).toBeVisible();
  await expectNoSideScroll(page);
  await page.screenshot(shot("08-view-as-customer"));
  expect(csp).toEqual([]);
});
