import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// What the browser downloads must hold no server code: no crypto for secrets, no database, no
// SSH client, no environment variable names that carry secrets.
const staticDir = path.resolve(__dirname, "../../.next/static");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe("the client bundle", () => {
  const scripts = fs.existsSync(staticDir) ? files(staticDir).filter((f) => f.endsWith(".js")) : [];
  const text = scripts.map((f) => fs.readFileSync(f, "utf8")).join("\n");

  it("exists (npm test builds it first)", () => {
    expect(scripts.length).toBeGreaterThan(0);
  });

  it.each(["aes-256-gcm", "REAPER_SECRET_KEY", "REAPER_ADMIN_PASSWORD", "better-sqlite3", "password_hash", "secret.key", "unsealCredentials", "hostVerifier"])(
    "does not contain %s",
    (marker) => {
      expect(text).not.toContain(marker);
    },
  );
});
