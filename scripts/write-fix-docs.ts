// Writes docs/fixes.md from the lasting-fix guides the app shows at /fixes: `npx tsx scripts/write-fix-docs.ts`.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fixesMarkdown } from "@/lib/shared/triage/fix-guides";

const file = path.join(__dirname, "..", "docs", "fixes.md");
writeFileSync(file, fixesMarkdown());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
