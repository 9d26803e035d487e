// How Reaper starts Debian's Chromium (never a downloaded browser: this kind of machine cannot
// download one). Plain data without "server-only", because playwright.config.ts and the bench
// scripts, which run outside Next.js, launch the same browser with the same flags.
export const chromiumLaunch = {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
};

/** Snapshot pictures are this wide: what ticket tools and chats show at full size (og:image's 1200). */
export const SNAPSHOT_IMAGE_WIDTH = 1200;
