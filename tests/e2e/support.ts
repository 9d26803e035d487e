import { expect, type Page } from "@playwright/test";
import type { LabServer } from "@/lab";

// The admin that playwright.config.ts's web server is started with.
export const ADMIN = { email: "admin@example.com", password: "admin-password-1" };

export async function logIn(page: Page): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
  // The first login of a fresh app also migrates its store: give a loaded machine time.
  await expect(page).toHaveURL(/\/$/, { timeout: 30_000 });
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
