import { afterAll, describe, expect, it } from "vitest";
import { closeRenderer, renderPng } from "@/lib/server/snapshots/renderer";
import { pngSize } from "@/tests/support/png";

// The renderer keeps a picture's page for the next one. That is only safe while nothing of one
// picture can reach the next: scripts never run, and each picture replaces the whole document.
// Drawn by the system Chromium, measured by the PNG's height (the page's own height, at least the
// 630 px viewport).
afterAll(() => closeRenderer());

const page = (px: number, extra = "") => `<!doctype html><html><body style="margin:0"><div id="d" style="height:${px}px;background:#c00"></div>${extra}</body></html>`;

describe("a snapshot page kept for the next picture", () => {
  it("runs no script: a page that would grow itself keeps its own height", async () => {
    const png = await renderPng(page(700, "<script>document.getElementById('d').style.height = '2000px'</script>"));
    expect(pngSize(png)).toEqual({ width: 1200, height: 700 });
  }, 120_000);

  it("draws each picture from its own document: a short page after a tall one is short", async () => {
    expect(pngSize(await renderPng(page(1500))).height).toBe(1500);
    expect(pngSize(await renderPng(page(800))).height).toBe(800);
    expect(pngSize(await renderPng(page(1100))).height).toBe(1100);
  }, 120_000);
});
