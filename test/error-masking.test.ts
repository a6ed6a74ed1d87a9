import { GraphQLError } from 'graphql';
import pino from 'pino';
import { errorFormatter } from '../common/format-error';

/** What every server (gateway and subgraphs) lets through to a client. */
const format = errorFormatter(pino({ level: 'silent' }));

it('masks unexpected errors: no SQL, stack or host names reach the client', () => {
  const sqlError = new Error('relation "offerings" does not exist at db.internal:5432');
  const formatted = format(
    {
      message: sqlError.message,
      path: ['offerings'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: at /srv/app/queries.js:10'] },
    },
    new GraphQLError(sqlError.message, { originalError: sqlError }),
  );
  expect(formatted).toEqual({
    message: 'Internal server error',
    locations: undefined,
    path: ['offerings'],
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
});

it('masks errors that carry no code at all', () => {
  expect(format({ message: 'TypeError: x is undefined' }, new Error('x')).message).toBe('Internal server error');
});

it('keeps the message of a public code and drops any stack trace', () => {
  const formatted = format(
    { message: '"first" must be between 0 and 100, got 1000.', extensions: { code: 'BAD_USER_INPUT', stacktrace: ['…'] } },
    new GraphQLError('x'),
  );
  expect(formatted).toEqual({ message: '"first" must be between 0 and 100, got 1000.', extensions: { code: 'BAD_USER_INPUT' } });
});
