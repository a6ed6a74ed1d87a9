import type { ChildProcess } from 'node:child_process';
import { stopProcess } from '../../scripts/processes';
import { applicantNumbers, auditLogs } from './log-audit';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__vuxhubTest as
    | { children: ChildProcess[]; stopDatabase: () => Promise<void> }
    | undefined;
  if (!state) return;
  let numbers: string[] = [];
  try {
    // While the database still runs: every number the run's applicants have.
    numbers = await applicantNumbers().catch(() => []);
    await Promise.all(state.children.map(stopProcess));
  } finally {
    await state.stopDatabase();
  }
  // Once every process has written its last line: no personal identity number in any log.
  const { found } = auditLogs(numbers);
  if (found.length) throw new Error(`personal identity numbers in the services' logs:\n${found.slice(0, 20).join('\n')}`);
}
