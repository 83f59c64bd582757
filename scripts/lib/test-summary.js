#!/usr/bin/env node
/*
 * Adds up the Jest and Playwright JSON reports into one closing line:
 *   cloudops-tests: N passed, N failed, N skipped
 * A report that is missing counts as one failure, unless it is the optional
 * end-to-end report and Chromium was absent (then its tests count as skipped).
 */
const fs = require('node:fs');

const [jestFile, e2eFile] = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };

function read(file) {
  return fs.existsSync(file)
    ? JSON.parse(fs.readFileSync(file, 'utf8'))
    : undefined;
}

const jest = read(jestFile);
if (jest) {
  totals.passed += jest.numPassedTests;
  totals.failed += jest.numFailedTests + jest.numRuntimeErrorTestSuites;
  totals.skipped += jest.numPendingTests + jest.numTodoTests;
} else {
  console.error(`no Jest report at ${jestFile}`);
  totals.failed += 1;
}

const e2e = read(e2eFile);
if (e2e) {
  totals.passed += e2e.stats.expected + e2e.stats.flaky;
  totals.failed += e2e.stats.unexpected + (e2e.errors?.length ?? 0);
  totals.skipped += e2e.stats.skipped;
}

console.log(
  `cloudops-tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`,
);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
