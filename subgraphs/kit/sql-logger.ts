import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from '../../common/logger';

/**
 * TypeORM logger that counts every SQL statement and logs slow ones.
 * Parameters are never logged: they can hold personal data.
 */
export class SqlLogger implements TypeOrmLogger {
  /** Statements run since the process started (tests read the difference). */
  queryCount = 0;

  constructor(private readonly logger: Logger) {}

  logQuery(): void {
    this.queryCount += 1;
  }

  /** Debug only: the failure reaches the error formatter, which logs it once with its request. */
  logQueryError(error: string | Error, query: string): void {
    this.logger.debug({ message: String(error), sql: query.slice(0, 500) }, 'SQL query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ ms: time, sql: query.slice(0, 500) }, 'slow SQL query');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug({ message }, 'schema build');
  }

  logMigration(message: string): void {
    this.logger.info({ message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ message }, 'typeorm');
    else this.logger.debug({ message }, 'typeorm');
  }
}
