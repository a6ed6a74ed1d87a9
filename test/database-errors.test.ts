import pino from 'pino';
import { openDatabase } from '../subgraphs/kit/database';
import { databaseErrors } from '../subgraphs/kit/database-errors';
import { offeringsSubgraph } from '../subgraphs/offerings';

/** What a client is told when PostgreSQL refuses a statement, on a real PostgreSQL. */
it('stops a statement at the statement timeout and reports it as SERVICE_UNAVAILABLE', async () => {
  const db = await openDatabase({
    url: process.env.TEST_DATABASE_URL_OFFERINGS!,
    logger: pino({ level: 'silent' }),
    entities: offeringsSubgraph.entities,
    migrations: offeringsSubgraph.migrations,
    statementTimeoutMs: 100,
  });
  try {
    const error = await db.dataSource.query('SELECT pg_sleep(2)').catch((e: unknown) => e);
    expect(databaseErrors(error)).toEqual({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/too long/) });
    const dataError = await db.dataSource.query(`SELECT '0000-01-01'::date`).catch((e: unknown) => e);
    expect(databaseErrors(dataError)?.code).toBe('BAD_USER_INPUT');
    expect(databaseErrors(new Error('something else'))).toBeUndefined();
  } finally {
    await db.dataSource.destroy();
  }
});
