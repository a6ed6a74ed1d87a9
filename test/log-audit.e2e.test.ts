import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applicantNumbers, auditLogs, writtenForms } from './support/log-audit';

/**
 * Personal identity numbers are never logged. This file runs last (test/support/sequencer.js),
 * over the logs of the whole run's gateway and subgraphs; the global teardown repeats the
 * search once every process has stopped.
 */

it('finds no applicant’s personal identity number, in any form, in any service log of the run', async () => {
  const numbers = await applicantNumbers();
  expect(numbers.length).toBeGreaterThan(0);
  const audit = auditLogs(numbers);
  // The audit reads real logs of processes that handled these numbers.
  expect(audit.files).toEqual(expect.arrayContaining(['gateway.log', 'applications.log']));
  const applications = readFileSync(join(process.env.TEST_DATA_DIR!, 'logs', 'applications.log'), 'utf8');
  expect(applications).toContain('applicant profile created');
  expect(audit.found).toEqual([]);
});

it('would find a number written in any form: the search is not blind', () => {
  expect(writtenForms('19121212-1212')).toEqual(['19121212-1212', '191212121212', '121212-1212']);
  const dir = mkdtempSync(join(tmpdir(), 'log-audit-'));
  try {
    writeFileSync(join(dir, 'leaky.log'), '{"msg":"saved","pin":"121212-1212"}\n{"time":1796181359997,"id":191212121212}\n');
    expect(auditLogs(['19121212-1212'], dir).found).toEqual(['leaky.log: 121212-1212', 'leaky.log: 191212121212']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
