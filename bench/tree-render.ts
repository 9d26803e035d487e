// Bench: from a 10,000-process scan's JSON arriving in Chromium to the whole-host tree being
// interactive (its rows exist and take focus), on the production build. The page loads
// /servers/:id?scan=ID, whose GET /api/scans/ID is answered here with a synthetic scan. Baseline,
// same run and browser: the same JSON fetched by a bare page that parses it and writes the count.
import { chromium, type Page } from "playwright";
import { median } from "@/bench/stats";
import { parseScanOutput } from "@/lib/server/scan/parse/parse-scan";
import type { Scan } from "@/lib/shared/scan/types";
import { chromiumLaunch } from "@/playwright.config";
import { syntheticScan } from "@/tests/fixtures/procs/synthetic-scan";
import { ADMIN, startApp } from "@/tests/support/app-server";

const PROCESSES = 10_000;
const WARMUP = 2;
const RUNS = 9;
const READY = "reaper:tree-ready";
const BASELINE_READY = "baseline-ready";

export type TreeRenderFigures = { medianMs: number; baselineMs: number; runs: number; processes: number };

function syntheticScanJson(serverId: string): { body: string; processes: number } {
  const { stdout, commands } = syntheticScan(PROCESSES);
  const parsed = parseScanOutput(stdout, commands);
  if (!parsed.ok) throw new Error("the synthetic scan did not parse");
  const scan: Scan = { ...parsed.value, id: "bench", serverId, startedAt: new Date().toISOString(), durationMs: 1234 };
  return { body: JSON.stringify(scan), processes: scan.processes.length };
}

/** Milliseconds from the end of the response for `urlPart` to the performance mark `mark`. */
async function arrivalToMark(page: Page, urlPart: string, mark: string): Promise<number> {
  await page.waitForFunction((m) => performance.getEntriesByName(m, "mark").length > 0, mark, { timeout: 30_000 });
  return page.evaluate(
    ([u, m]) => {
      const res = performance.getEntriesByType("resource").find((e) => e.name.includes(u)) as PerformanceResourceTiming | undefined;
      const done = performance.getEntriesByName(m, "mark")[0];
      if (!res || !done) throw new Error("no timing for the scan response or the mark");
      return done.startTime - res.responseEnd;
    },
    [urlPart, mark] as const,
  );
}

const BASELINE_HTML = `<!doctype html><html><body><p id="n">…</p><script>
fetch("/bench-baseline/scan.json").then((r) => r.json()).then((scan) => {
  document.getElementById("n").textContent = String(scan.processes.length);
  performance.mark("${BASELINE_READY}");
});
</script></body></html>`;

export async function benchTreeRender(): Promise<TreeRenderFigures> {
  const app = await startApp({ REAPER_LOG_LEVEL: "error" });
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const page = await (await browser.newContext({ baseURL: app.baseUrl, viewport: { width: 1280, height: 860 } })).newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(/\/$/);
    const created = await page.request.post("/api/servers", {
      data: { name: "bench-tree", host: "127.0.0.1", port: 22, username: "root", password: "unused-password" },
      headers: { origin: app.baseUrl },
    });
    if (created.status() !== 201) throw new Error(`adding the server answered ${created.status()}`);
    const { id } = (await created.json()) as { id: string };
    const { body, processes } = syntheticScanJson(id);
    await page.route("**/api/scans/bench-*", (route) => route.fulfill({ status: 200, contentType: "application/json", body }));
    await page.route("**/bench-baseline/scan.json", (route) => route.fulfill({ status: 200, contentType: "application/json", body }));
    await page.route("**/bench-baseline/page", (route) => route.fulfill({ status: 200, contentType: "text/html", body: BASELINE_HTML }));

    const product = async (i: number) => {
      await page.goto(`/servers/${id}?scan=bench-${i}`);
      const t = await arrivalToMark(page, `/api/scans/bench-${i}`, READY);
      await page.locator('[data-testid="tree-row"][tabindex="0"]').focus();
      return t;
    };
    const baseline = async () => {
      await page.goto("/bench-baseline/page");
      return arrivalToMark(page, "/bench-baseline/scan.json", BASELINE_READY);
    };
    for (let i = 0; i < WARMUP; i++) {
      await product(1000 + i);
      await baseline();
    }
    const times: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      times.push(await product(i));
      base.push(await baseline());
    }
    return { medianMs: median(times), baselineMs: median(base), runs: RUNS, processes };
  } finally {
    await browser.close();
    await app.stop();
  }
}
