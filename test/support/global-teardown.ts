import type { ChildProcess } from 'node:child_process';
import { stopProcess } from '../../scripts/processes';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__vuxhubTest as
    | { children: ChildProcess[]; stopDatabase: () => Promise<void> }
    | undefined;
  if (!state) return;
  await Promise.all(state.children.map(stopProcess));
  await state.stopDatabase();
}
