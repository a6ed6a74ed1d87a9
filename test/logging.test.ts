import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { createLogger } from '../common/logger';

/** What a failed SQL statement leaves in the log: its SQL, never the values it was given. */
it('logs a failed query without its parameters', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write: (chunk, _encoding, done) => {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('test', sink);
  const err = new QueryFailedError('SELECT * FROM offerings WHERE id = $1', ['19121212-1212'], new Error('invalid byte'));
  logger.error({ err }, 'unexpected error');
  expect(lines).toHaveLength(1);
  const line = JSON.parse(lines[0]!);
  expect(line.err.message).toBe('invalid byte');
  expect(line.err.query).toBe('SELECT * FROM offerings WHERE id = $1');
  expect(lines[0]).not.toContain('19121212-1212');
});
