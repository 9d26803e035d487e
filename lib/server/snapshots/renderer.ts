import "server-only";
import { chromium, type Browser, type Page } from "playwright";
import { AppError, isAppError } from "@/lib/shared/errors/app-error";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import { chromiumLaunch, SNAPSHOT_IMAGE_WIDTH as IMAGE_WIDTH } from "@/lib/server/snapshots/chromium-launch";

// Snapshot pictures: HTML in, PNG out, by the system Chromium. One browser for the whole process
// (launching costs ~150 ms and ~235 MiB), a bounded number of pictures at once (the others wait
// their turn), a deadline on each, and a new browser when the old one died. A picture's page is
// kept for the next one (at most one per render slot): opening a page costs ~400 ms and its first
// screenshot ~200 ms more, which made a first picture 1.1 s against ~0.35 s on a page already open.
// Reusing one is safe because nothing runs or persists in it: scripts are off, every request is
// refused, and each picture replaces the whole document. A page that failed or ran late is closed,
// and so is one that has drawn PAGE_PICTURES: a kept page's memory grew ~0.5 MiB a picture here.

/** A taller page is cut here: a ticket preview shows the top anyway. */
export const IMAGE_MAX_HEIGHT = 2400;
/** Requests beyond the running and this many waiting ones are turned away at once. */
const MAX_WAITING = 100;
/** Pictures one page draws before it is closed and a new one opened (~0.4 s once in so many). */
const PAGE_PICTURES = 50;
/** Starting Chromium on a loaded machine can take seconds; it happens once, outside any render's deadline. */
const LAUNCH_TIMEOUT_MS = 60_000;

type State = { browser: Promise<Browser> | null; running: number; waiting: (() => void)[]; launches: number; idle: Page[] };
const key = Symbol.for("reaper.snapshot-renderer");
type WithState = typeof globalThis & { [key]?: State };
const state = (): State => ((globalThis as WithState)[key] ??= { browser: null, running: 0, waiting: [], launches: 0, idle: [] });

function sharedBrowser(): Promise<Browser> {
  const s = state();
  if (s.browser) return s.browser;
  const launching = chromium.launch({ ...chromiumLaunch, timeout: LAUNCH_TIMEOUT_MS }).then((b) => {
    s.launches += 1;
    // A crashed or killed browser is dropped, and the next picture launches a new one.
    b.on("disconnected", () => {
      if (s.browser === launching) s.browser = null;
      s.idle = s.idle.filter((page) => page.context().browser() !== b);
    });
    return b;
  });
  launching.catch(() => {
    if (s.browser === launching) s.browser = null;
  });
  s.browser = launching;
  return launching;
}

const timeoutError = (ms: number) =>
  new AppError("RENDER_TIMEOUT", `The snapshot's picture was not ready within ${(ms / 1000).toLocaleString("en", { maximumFractionDigits: 1 })} s (Reaper is busy rendering others). Try again in a moment; the page itself works.`);

/** A turn to render, or RENDER_TIMEOUT when none comes before the deadline. */
async function turn(deadline: number, ms: number): Promise<() => void> {
  const s = state();
  const release = () => {
    s.running -= 1;
    s.waiting.shift()?.();
  };
  if (s.running < env().REAPER_SNAPSHOT_RENDERS) {
    s.running += 1;
    return release;
  }
  if (s.waiting.length >= MAX_WAITING) throw new AppError("BUSY", "Reaper is rendering too many snapshot pictures at once. Try again in a minute.");
  return new Promise((resolve, reject) => {
    const go = () => {
      clearTimeout(timer);
      s.running += 1;
      resolve(release);
    };
    const timer = setTimeout(() => {
      s.waiting.splice(s.waiting.indexOf(go), 1);
      reject(timeoutError(ms));
    }, deadline - Date.now());
    s.waiting.push(go);
  });
}

/** A page of its own context: the picture's size, no scripts, and no request ever leaves it. */
async function openPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: IMAGE_WIDTH, height: 630 }, deviceScaleFactor: 1, javaScriptEnabled: false });
  await context.route("**/*", (route) => route.abort());
  return context.newPage();
}

const closePage = (page: Page) => page.context().close().catch(() => undefined);
const drawn = new WeakMap<Page, number>();

async function screenshot(html: string, ms: number): Promise<Buffer> {
  const browser = await sharedBrowser();
  const s = state();
  let page: Page | undefined;
  const draw = async () => {
    page = s.idle.pop() ?? (await openPage(browser));
    await page.setContent(html, { waitUntil: "load" });
    const height = Math.min(IMAGE_MAX_HEIGHT, await page.evaluate(() => document.documentElement.scrollHeight));
    return page.screenshot({ type: "png", fullPage: true, clip: { x: 0, y: 0, width: IMAGE_WIDTH, height }, animations: "disabled" });
  };
  // The deadline races the drawing rather than closing the page under it: a context closed while
  // Playwright opens its page leaves newPage() pending for ever (seen with Playwright 1.65). A page
  // still opening when the time is up is closed once it is open.
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(timeoutError(ms)), ms)));
  const drawing = draw();
  try {
    const png = await Promise.race([drawing, late]);
    if (page) {
      const pictures = (drawn.get(page) ?? 0) + 1;
      drawn.set(page, pictures);
      if (pictures < PAGE_PICTURES && !page.isClosed() && page.context().browser()?.isConnected()) s.idle.push(page);
      else void closePage(page);
    }
    return png;
  } catch (e) {
    const close = () => page && closePage(page);
    if (page) await close();
    else void drawing.then(close, close);
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A PNG of `html`, IMAGE_WIDTH wide. RENDER_TIMEOUT when no turn comes in time or the render itself
 * takes longer (Chromium's start, once per process, is not counted); BUSY when too many wait.
 */
export async function renderPng(html: string): Promise<Buffer> {
  const ms = env().REAPER_SNAPSHOT_RENDER_TIMEOUT_MS;
  // The same time limit twice: to get a turn, then for the render itself.
  const release = await turn(Date.now() + ms, ms);
  try {
    try {
      return await screenshot(html, ms);
    } catch (e) {
      // The browser died under this render: once more, with a new one.
      if (isAppError(e) || state().browser !== null) throw e;
      log.warn("snapshot.browser-restart", { error: e instanceof Error ? e.message : String(e) });
      return await screenshot(html, ms);
    }
  } finally {
    release();
  }
}

/** For tests and the bench: how many browsers this process has launched, and renders running now. */
export function rendererStats(): { launches: number; running: number; waiting: number } {
  const s = state();
  return { launches: s.launches, running: s.running, waiting: s.waiting.length };
}

/** Closes the shared browser (shutdown, tests). */
export async function closeRenderer(): Promise<void> {
  const s = state();
  const b = s.browser;
  s.browser = null;
  s.idle = [];
  await (await b?.catch(() => null))?.close();
}
