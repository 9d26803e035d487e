import { expect, test, type Browser, type Page } from "@playwright/test";
import { startLabServer, type LabServer } from "@/lab";
import { logIn, unique, watchCsp } from "@/tests/e2e/support";

// Process names and command lines are chosen by whoever runs a program on a customer's server. Here
// a real lab server's zombie parents and zombies are named and argued as markup, script, a
// right-to-left override, 4 KB of tags and bytes that are no UTF-8, and every page that shows them
// (the server page with its parent tree and host tree, the fleet, a snapshot's page and the HTML its
// picture is drawn from) must show them as text: none of their script runs, nothing they name is
// fetched, no dialog opens and no Content Security Policy violation is even attempted.

const IMG = "<img src=x onerror=window.__xss=1>";
const SCRIPT = "</script><script>window.__xss=2</script>";
const RTL = "\u202E";
// A 4 KB name: the same tag again and again, so a cut anywhere still leaves whole tags before it.
const SVG = "<svg onload=window.__xss=3>";
const LONG = SVG.repeat(Math.ceil(4096 / SVG.length)).slice(0, 4096);
// "bad", four bytes that are no UTF-8, then a tag.
const INVALID = Uint8Array.from([...Buffer.from("bad"), 0xff, 0xfe, 0xc3, 0x28, ...Buffer.from("<b>x</b>")]);

// comm holds 15 bytes: what the kernel keeps of each name.
const MARKUP_PARENT = "<img src=x oner";
const SCRIPT_ZOMBIE = "</script><scrip";
const RTL_PARENT = `${RTL}evil.sh`;
// 16 bytes: the kernel keeps 15, cutting the "é" in two, so the name ends in a byte that is no UTF-8.
const RTL_ZOMBIE = `x${RTL}gnp.exe!!!é`;

let lab: LabServer;

test.beforeAll(async () => {
  lab = await startLabServer({
    name: "e2e-hostile",
    scenario: {
      parents: [
        { comm: MARKUP_PARENT, zombies: 4, childComm: SCRIPT_ZOMBIE, argv: [IMG, SCRIPT] },
        { comm: RTL_PARENT, zombies: 2, childComm: RTL_ZOMBIE, argv: [LONG, INVALID, `${RTL}hs.live`] },
      ],
    },
  });
});
test.afterAll(async () => {
  await lab?.stop();
});

/** Everything a page could do if a name were taken as markup: script, dialogs, fetches, CSP reports. */
function watchPage(page: Page) {
  const dialogs: string[] = [];
  const fetchedX: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // `<img src=x>` would fetch "x" relative to the page.
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.endsWith("/x")) fetchedX.push(r.url());
  });
  return { dialogs, fetchedX, csp: watchCsp(page) };
}

async function expectInert(page: Page, seen: ReturnType<typeof watchPage>): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await page.locator("[onerror], [onload]").count()).toBe(0);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  // A script element made of the name itself (the page's own data scripts hold it escaped, as data).
  expect(await page.evaluate(() => [...document.scripts].filter((s) => s.textContent?.trim() === "window.__xss=2").length)).toBe(0);
  expect(seen.dialogs).toEqual([]);
  expect(seen.fetchedX).toEqual([]);
  expect(seen.csp).toEqual([]);
}

/** Draws a snapshot page's HTML the way the picture renderer does (setContent, script on, 1200 px). */
async function renderLikeThePicture(browser: Browser, html: string): Promise<{ xss: unknown; text: string }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 630 } });
  const page = await context.newPage();
  const seen = watchPage(page);
  await page.setContent(html, { waitUntil: "load" });
  const result = { xss: await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), text: await page.locator("body").innerText() };
  expect(seen.dialogs).toEqual([]);
  expect(seen.fetchedX).toEqual([]);
  await context.close();
  return result;
}

test("hostile process names and command lines are inert text on every page that shows them", async ({ page, browser, baseURL }) => {
  // A scan, the fleet, a snapshot and its picture, each slow on a loaded machine: the limit is generous.
  test.setTimeout(420_000);
  if (!baseURL) throw new Error("no baseURL");
  const seen = watchPage(page);
  // The server's name is markup too (names refuse only control and direction characters).
  const name = unique("<img src=x onerror=window.__xss=4>");
  await logIn(page);
  const add = await page.request.post("/api/servers", {
    data: { name, host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey },
    headers: { origin: baseURL },
  });
  expect(add.status()).toBe(201);
  const serverId = ((await add.json()) as { id: string }).id;

  // The server page: each parent under its name, its command line, its zombies, its parent tree.
  await page.goto(`/servers/${serverId}`);
  await page.getByTestId("scan-button").click();
  const markup = page.getByTestId("zombie-group").filter({ hasText: `${MARKUP_PARENT} (` }).first();
  await expect(markup).toBeVisible({ timeout: 60_000 });
  await expect(markup).toContainText(IMG);
  await expect(markup).toContainText(SCRIPT);
  // The override shows as a visible escape, and the raw character is not in the text at all.
  const rtl = page.getByTestId("zombie-group").filter({ hasText: "\\u202eevil.sh (" }).first();
  await expect(rtl).toBeVisible();
  expect(await rtl.locator("h3").innerText()).not.toContain(RTL);
  await expect(rtl).toContainText(SVG);
  // ps itself prints the bytes that are no UTF-8 and the override in an argument as "?".
  await expect(rtl).toContainText("bad");
  await expect(rtl).toContainText("<b>x</b>");
  await expect(rtl).toContainText("hs.live");
  await markup.locator("h3").getByRole("button").click();
  await expect(markup).toContainText(SCRIPT_ZOMBIE);
  await rtl.locator("h3").getByRole("button").click();
  await expect(rtl).toContainText("x\\u202egnp.exe!!!\uFFFD");
  const trees = page.getByTestId("parent-tree");
  await expect(trees.filter({ hasText: MARKUP_PARENT })).toHaveCount(1);
  await expect(trees.filter({ hasText: "\\u202eevil.sh" })).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath("01-server-page.png"), fullPage: true });
  await expectInert(page, seen);

  // The host tree: found by its markup, and its details show the command line as text.
  const search = page.getByTestId("tree-search");
  await search.fill("<img");
  const row = page.getByTestId("host-tree").getByTestId("tree-row").filter({ hasText: MARKUP_PARENT }).first();
  await expect(row).toBeVisible();
  await row.click();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("process-details")).toContainText(IMG);
  await expectInert(page, seen);

  // The fleet: the row of this server, its name as text, and the verdict sentence (which names a
  // process: the markup parent, unless the loaded machine makes it a CPU verdict) as it was written.
  const fleet = (await (await page.request.get("/api/fleet")).json()) as { servers: { server: { id: string }; lastScan: { summary: { verdict: string } } | null }[] };
  const verdict = fleet.servers.find((r) => r.server.id === serverId)?.lastScan?.summary.verdict ?? "";
  expect(verdict).toMatch(/^(No process-level cause found\. .*<img src=x oner|Likely cause of 503: )/);
  await page.goto("/fleet");
  await page.getByLabel("Search").fill(name);
  const fleetRow = page.getByTestId("fleet-row");
  await expect(fleetRow).toHaveCount(1);
  await expect(fleetRow.getByRole("link")).toHaveText(name);
  expect(await fleetRow.locator("[title]").evaluateAll((els) => els.map((el) => el.getAttribute("title")))).toContain(verdict);
  await page.screenshot({ path: test.info().outputPath("02-fleet.png") });
  await expectInert(page, seen);

  // A snapshot of the scan: its public page in a fresh browser with script allowed.
  const scans = await page.request.get(`/api/servers/${serverId}/scans?limit=1`);
  const scanId = ((await scans.json()) as { scans: { id: string }[] }).scans[0]?.id;
  const shared = await page.request.post("/api/snapshots", { data: { scanId }, headers: { origin: baseURL } });
  expect(shared.status()).toBe(201);
  const { url, imageUrl } = (await shared.json()) as { url: string; imageUrl: string };
  const stranger = await browser.newContext();
  const view = await stranger.newPage();
  const viewSeen = watchPage(view);
  expect((await view.goto(url))?.status()).toBe(200);
  await expect(view.locator("h1")).toHaveText(name);
  const body = view.locator("body");
  for (const text of [`${MARKUP_PARENT} (`, IMG, SCRIPT, SCRIPT_ZOMBIE, "\\u202eevil.sh", SVG, "<b>x</b>"]) await expect(body).toContainText(text);
  expect(await body.innerText()).not.toContain(RTL);
  await view.screenshot({ path: test.info().outputPath("03-snapshot-page.png"), fullPage: true });
  await expectInert(view, viewSeen);

  // Its picture is drawn from the same page's HTML: drawn the renderer's way, it runs nothing and
  // holds the names as text; and the picture itself comes back whole.
  const html = await (await view.request.get(url)).text();
  const drawn = await renderLikeThePicture(browser, html);
  expect(drawn.xss).toBeUndefined();
  expect(drawn.text).toContain(IMG);
  const image = await view.request.get(imageUrl, { timeout: 120_000 });
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");
  const size = await view.evaluate(async (dataUrl) => {
    const img = new Image();
    img.src = dataUrl;
    await img.decode();
    return { width: img.naturalWidth, height: img.naturalHeight };
  }, `data:image/png;base64,${(await image.body()).toString("base64")}`);
  expect(size.width).toBe(1200);
  expect(size.height).toBeGreaterThan(400);
  test.info().attachments.push({ name: "snapshot.png", contentType: "image/png", body: await image.body() });
  await stranger.close();
  await expectInert(page, seen);
});
