import { createHash } from 'node:crypto';
import { QueryFailedError, type DataSource } from 'typeorm';
import { DatabaseError, type Pool, type QueryResultRow } from 'pg';
import { currentStatementCounter } from './statement-counter';

/** Distinct statements one app names (and so has prepared on each connection that ran them); more run unnamed. */
export const MAX_NAMED_STATEMENTS = 500;

/**
 * The hot reads as plain SQL, sent as named prepared statements through the pool of a DataSource, without TypeORM's query
 * building, escaping and hydration. PostgreSQL parses and plans a named statement once per connection; later runs send only
 * its parameters. Each run counts as one statement of the current request, like every statement TypeORM sends.
 *
 * One per app (statements are named by a hash of their text, the same text on every app). Statements are made from a bounded
 * set of shapes (the selected columns of an entity, the filters given), but a client could still ask for many shapes: past
 * MAX_NAMED_STATEMENTS distinct texts, new ones run unnamed, so that no connection holds an unbounded number of plans.
 */
export class PreparedStatements {
  private readonly names = new Map<string, string>();

  async query<T extends QueryResultRow>(db: DataSource, text: string, values: unknown[]): Promise<T[]> {
    currentStatementCounter()?.record(text);
    const pool = (db.driver as unknown as { master: Pool }).master;
    const name = this.nameOf(text);
    try {
      const result = await pool.query<T>(name ? { name, text, values } : { text, values });
      return result.rows;
    } catch (err) {
      // As TypeORM reports a failed statement, so that the one error mapper treats both alike (SQLSTATE in driverError).
      throw err instanceof DatabaseError ? new QueryFailedError(text, values, err) : err;
    }
  }

  private nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < MAX_NAMED_STATEMENTS) {
      name = `jg_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      this.names.set(text, name);
    }
    return name;
  }
}
