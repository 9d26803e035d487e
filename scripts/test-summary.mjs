// One closing line for the whole suite, summed over vitest's and Playwright's JSON reports.
import fs from "node:fs";

const read = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const vitest = read("test-results/vitest-report.json");
const pw = read("test-results/e2e-report.json");

const passed = vitest.numPassedTests + (pw.stats.expected ?? 0);
const failed = vitest.numFailedTests + (pw.stats.unexpected ?? 0) + (pw.stats.flaky ?? 0);
const skipped = vitest.numPendingTests + vitest.numTodoTests + (pw.stats.skipped ?? 0);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
