import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { forcedCommandScript, permittedTemplates } from "@/lib/server/remote/forced-command";
import { buildScanCommand } from "@/lib/server/scan/command/scan-command";

// The restricted command customers install is written from the code that builds Reaper's commands:
// when either changes without the other, this fails (regenerate with npx tsx scripts/write-forced-command.ts).
const shipped = path.join(__dirname, "../../remote/reaper-forced-command.sh");

describe("remote/reaper-forced-command.sh", () => {
  it("is exactly what the command builders produce today", () => {
    expect(fs.readFileSync(shipped, "utf8")).toBe(forcedCommandScript());
  });

  it("is executable", () => {
    expect(fs.statSync(shipped).mode & 0o111).toBe(0o111);
  });

  it("knows the scan with its remote timeout as the one variable part", () => {
    const [scan] = permittedTemplates();
    const real = buildScanCommand({ timeoutSeconds: 28 }).command;
    expect(scan?.replace("{{INT}}", "28")).toBe(real);
  });
});
