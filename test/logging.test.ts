import { Writable } from 'node:stream';
import { DataSource, QueryFailedError } from 'typeorm';
import { createLogger } from '../common/logger';

/** A logger whose lines are kept. */
function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write: (chunk, _encoding, done) => {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger('test', sink) };
}

/** What a failed SQL statement leaves in the log: its SQL, never the values it was given. */
it('logs a failed query without its parameters', () => {
  const { lines, logger } = capture();
  const err = new QueryFailedError('SELECT * FROM offerings WHERE id = $1', ['19121212-1212'], new Error('invalid byte'));
  logger.error({ err }, 'unexpected error');
  expect(lines).toHaveLength(1);
  const line = JSON.parse(lines[0]!);
  expect(line.err.message).toBe('invalid byte');
  expect(line.err.query).toBe('SELECT * FROM offerings WHERE id = $1');
  expect(lines[0]).not.toContain('19121212-1212');
});

/** A real PostgreSQL error, through TypeORM: neither its detail nor its message may carry the values. */
it('logs a database error without the values it quotes', async () => {
  const { lines, logger } = capture();
  const ds = new DataSource({ type: 'postgres', url: process.env.TEST_DATABASE_URL_OFFERINGS });
  await ds.initialize();
  try {
    const dataError = await ds.query(`SELECT $1::date`, ['19121212-1212']).catch((e: unknown) => e);
    const constraint = await ds
      .query(`INSERT INTO offerings (id) VALUES ($1)`, ['0180-personal-19121212'])
      .catch((e: unknown) => e);
    expect(dataError).toBeInstanceOf(QueryFailedError);
    expect(constraint).toBeInstanceOf(QueryFailedError);
    logger.warn({ err: dataError }, 'refused');
    logger.error({ err: constraint }, 'unexpected error');
  } finally {
    await ds.destroy();
  }
  expect(lines).toHaveLength(2);
  for (const line of lines) {
    expect(line).not.toContain('19121212');
    const { err } = JSON.parse(line);
    expect(err.code).toMatch(/^[0-9A-Z]{5}$/);
    expect(err.detail).toBeUndefined();
  }
  expect(JSON.parse(lines[0]!).err.message).toBe('invalid input syntax for type date: "…"');
});
