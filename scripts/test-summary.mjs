// One closing line for the whole suite, summed over vitest's and Playwright's JSON reports: how many
// tests ran (passed + failed) and how many were skipped, naming the skipped ones. Under CI (the CI
// environment variable set) the suite installs every tool the tests need, so a skip there means a
// test silently stopped running: it fails the suite.
import fs from "node:fs";

const read = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const vitest = read("test-results/vitest-report.json");
const pw = read("test-results/e2e-report.json");

const passed = vitest.numPassedTests + (pw.stats.expected ?? 0);
const failed = vitest.numFailedTests + (pw.stats.unexpected ?? 0) + (pw.stats.flaky ?? 0);
const skipped = vitest.numPendingTests + vitest.numTodoTests + (pw.stats.skipped ?? 0);

const skippedNames = [];
for (const file of vitest.testResults ?? []) {
  for (const t of file.assertionResults ?? []) {
    if (t.status === "skipped" || t.status === "pending" || t.status === "todo") skippedNames.push(`${file.name}: ${t.fullName}`);
  }
}
const walk = (suite, where) => {
  for (const spec of suite.specs ?? []) for (const t of spec.tests ?? []) if (t.status === "skipped") skippedNames.push(`${where}: ${spec.title}`);
  for (const inner of suite.suites ?? []) walk(inner, where);
};
for (const suite of pw.suites ?? []) walk(suite, suite.file ?? suite.title);

console.log(`\n${passed + failed} ran (${passed} passed, ${failed} failed), ${skipped} skipped`);
for (const name of skippedNames) console.log(`  skipped: ${name}`);

const ci = process.env.CI !== undefined && !["", "0", "false"].includes(process.env.CI);
if (ci && skipped > 0) console.log("Under CI every test must run: a skip means a tool the suite should have installed is missing.");
process.exit(failed > 0 || (ci && skipped > 0) ? 1 : 0);
