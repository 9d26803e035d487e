import { expect, request, type APIRequestContext, type Page } from "@playwright/test";
import type { LabServer } from "@/lab";

// The admin that playwright.config.ts's web server is started with.
export const ADMIN = { email: "admin@example.com", password: "admin-password-1" };

/** Logs in through the form; staff land on the server list. */
export async function logIn(page: Page, creds = ADMIN, landing: RegExp = /\/$/): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel("Password").fill(creds.password);
  await page.getByRole("button", { name: "Log in" }).click();
  // The first login of a fresh app also migrates its store: give a loaded machine time.
  await expect(page).toHaveURL(landing, { timeout: 30_000 });
}

/** Adds a lab server through the API (the form has its own test) and returns its id. */
export async function addLabServer(page: Page, lab: LabServer): Promise<string> {
  const res = await page.request.post("/api/servers", {
    data: { name: lab.name, host: lab.host, port: lab.port, username: lab.username, privateKey: lab.privateKey },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The API as the admin, outside any page: for setting up accounts, people and servers. */
export async function adminApi(baseURL: string): Promise<{ call: <T>(method: string, path: string, data?: unknown) => Promise<T>; dispose: () => Promise<void> }> {
  const ctx: APIRequestContext = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const login = await ctx.post("/api/auth/login", { data: ADMIN });
  expect(login.status()).toBe(200);
  return {
    call: async <T>(method: string, path: string, data?: unknown): Promise<T> => {
      const res = await ctx.fetch(path, { method, data });
      if (res.status() >= 300) throw new Error(`${method} ${path} answered ${res.status()}: ${await res.text()}`);
      return (res.status() === 204 ? undefined : await res.json()) as T;
    },
    dispose: () => ctx.dispose(),
  };
}

/** A name no other test in this run uses. */
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** The page is no wider than the window: nothing sticks out sideways on a phone. */
export async function expectNoSideScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `the page is ${scroll}px wide in a ${client}px window`).toBeLessThanOrEqual(client);
}

/** Collects Content Security Policy violations the page reports (none may happen). */
export function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(msg.text())) violations.push(msg.text());
  });
  return violations;
}
