// Runs the log audit (test/log-audit.e2e.test.ts) after every other test file, so that it
// reads the logs of everything the run did; the rest keep jest's own order.
const Sequencer = require('@jest/test-sequencer').default;

class AuditLastSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const last = (t) => (t.path.endsWith('log-audit.e2e.test.ts') ? 1 : 0);
    return [...sorted].sort((a, b) => last(a) - last(b));
  }
}

module.exports = AuditLastSequencer;
