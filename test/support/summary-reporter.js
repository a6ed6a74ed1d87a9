// Prints jest's own totals as one closing line, and keeps it in .data/test-summary.txt
// so that .ci/run can repeat it last: a run that executed nothing cannot look green.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    let line = `tests: ${results.numPassedTests} passed, ${failed} failed`;
    let before = '';
    if (results.numPendingTests) {
      line += `, ${results.numPendingTests} skipped`;
      // Which, and why: a skipped test's or describe's title says why.
      const skipped = new Set();
      for (const file of results.testResults) {
        for (const t of file.testResults) if (t.status === 'pending') skipped.add([...t.ancestorTitles, t.title].join(' › '));
      }
      before = `skipped: ${[...skipped].join('; ')}\n`;
    }
    const dir = join(this.rootDir, '.data');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'test-summary.txt'), `${before}${line}\n`);
    process.stdout.write(`\n${before}${line}\n`);
  }
}

module.exports = SummaryReporter;
