import { expect, test, type Browser } from "@playwright/test";
import { startLabServer, type LabServer } from "@/lab";
import { adminApi, logIn, unique } from "@/tests/e2e/support";

// Share to ticket in real Chromium against a real lab server: an agent reaps, shares the scan and
// its outcome, the link opens in a fresh browser with no session (and without JavaScript), the
// picture decodes at the right size with real content, the unfurl tags point at it, and revoking
// makes both answer 410.
let lab: LabServer;

test.beforeAll(async () => {
  lab = await startLabServer({ name: "e2e-snapshots", scenario: { parents: [{ comm: "httpd", zombies: 6 }] } });
});
test.afterAll(async () => {
  await lab?.stop();
});

const shot = (name: string) => ({ path: test.info().outputPath(`${name}.png`), fullPage: true });

/** Decodes the PNG in Chromium itself and measures it: its size, and how much of it is not background. */
async function measurePng(browser: Browser, png: Buffer) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const measured = await page.evaluate(async (dataUrl) => {
    const img = new Image();
    img.src = dataUrl;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2d context");
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set<number>();
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
      colours.add((r << 16) | (g << 8) | b);
      // The page's background is #f8fafc; text, cards and the verdict band are not.
      if (Math.abs(r - 0xf8) + Math.abs(g - 0xfa) + Math.abs(b - 0xfc) > 24) inked += 1;
    }
    return { width: img.naturalWidth, height: img.naturalHeight, colours: colours.size, inkedShare: inked / (data.length / 4) };
  }, `data:image/png;base64,${png.toString("base64")}`);
  await context.close();
  return measured;
}

test("an agent shares a scan after an action; the link and its picture work without a session until revoked", async ({ page, browser, baseURL }) => {
  // Many steps, each slow on a loaded machine: the limit is generous, the assertions are not.
  test.setTimeout(420_000);
  if (!baseURL) throw new Error("no baseURL");
  const agent = { email: `${unique("agent")}@support.test`, password: "agent-password-1" };
  const admin = await adminApi(baseURL);
  await admin.call("POST", "/api/users", { ...agent, role: "agent" });
  await admin.dispose();

  await logIn(page, agent);
  const add = await page.request.post("/api/servers", {
    data: { name: unique("shop-web"), host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey },
    headers: { origin: baseURL },
  });
  expect(add.status()).toBe(201);
  const server = (await add.json()) as { id: string; name: string };

  await page.goto(`/servers/${server.id}`);
  await page.getByTestId("scan-button").click();
  const httpd = page.getByTestId("zombie-group").filter({ hasText: /httpd \(\d+\): 6 zombies/ });
  await expect(httpd).toHaveCount(1, { timeout: 30_000 });
  await httpd.getByTestId("action-reap").click();
  const outcome = httpd.getByTestId("action-outcome");
  await expect(outcome).toBeVisible({ timeout: 30_000 });

  // Share from the action's outcome: the scan and what was just done.
  await outcome.getByTestId("share-to-ticket").click();
  await page.getByLabel("Ticket (optional)").fill("ZD-4711");
  await page.getByTestId("snapshot-create").click();
  await expect(page.getByTestId("snapshot-created")).toBeVisible({ timeout: 30_000 });
  const link = await page.getByTestId("snippet-link").innerText();
  expect(link).toMatch(new RegExp(`^${baseURL}/s/[A-Za-z0-9_-]{43}$`));
  await expect(page.getByTestId("snippet-markdown")).toHaveText(new RegExp(`^\\[!\\[Reaper snapshot of .+\\]\\(${link}/image\\.png\\)\\]\\(${link}\\)$`));
  await expect(page.getByTestId("snippet-html")).toContainText(`<a href="${link}"><img src="${link}/image.png"`);
  await page.screenshot(shot("01-share-dialog"));
  await page.getByRole("button", { name: "Done" }).click();

  // A stranger's browser: no cookies, and no JavaScript either (a ticket preview has none).
  const stranger = await browser.newContext({ javaScriptEnabled: false });
  const view = await stranger.newPage();
  const res = await view.goto(link);
  expect(res?.status()).toBe(200);
  expect(res?.headers()["referrer-policy"]).toBe("no-referrer");
  expect(await stranger.cookies()).toEqual([]);
  await expect(view.locator("h1")).toHaveText(server.name);
  await expect(view.getByTestId("verdict")).toBeVisible();
  await expect(view.getByText("ZD-4711")).toBeVisible();
  await expect(view.locator("table").first()).toContainText("reap");
  await expect(view.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex, nofollow");
  await expect(view.locator('meta[property="og:image"]')).toHaveAttribute("content", `${link}/image.png`);
  await expect(view.locator('meta[name="twitter:image"]')).toHaveAttribute("content", `${link}/image.png`);
  await expect(view.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  await expect(view.locator('meta[property="og:title"]')).toHaveAttribute("content", new RegExp(`^${server.name}: `));
  // Every process is there, folded away below.
  await expect(view.locator("details > summary")).toContainText("Every process on the host");
  await expect(view.locator("details table")).toBeHidden();
  await view.screenshot(shot("02-public-page"));

  const image = await view.request.get(`${link}/image.png`, { timeout: 120_000 });
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");
  const measured = await measurePng(browser, await image.body());
  expect(measured.width).toBe(1200);
  expect(measured.height).toBeGreaterThan(400);
  expect(measured.colours).toBeGreaterThan(20);
  expect(measured.inkedShare).toBeGreaterThan(0.02);
  test.info().attachments.push({ name: "snapshot.png", contentType: "image/png", body: await image.body() });

  // Revoke from the server page: the page and the (cached) picture are gone at once.
  await page.reload();
  const row = page.getByTestId("shared-link").filter({ hasText: "ZD-4711" });
  await row.getByRole("button", { name: /Revoke/ }).click();
  await expect(row).toContainText("revoked");
  expect((await view.goto(link))?.status()).toBe(410);
  await expect(view.locator("h1")).toHaveText("This snapshot is no longer available");
  expect((await view.request.get(`${link}/image.png`)).status()).toBe(410);
  await stranger.close();
});
