import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** SQLSTATEs of a transaction PostgreSQL failed only because of a concurrent one: deadlock_detected, serialization_failure. */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 5;

function sqlState(error: unknown): string | undefined {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e?.driverError?.code ?? e?.code;
}

/**
 * `work` in one transaction, run again from the start (a few times, with jitter) when PostgreSQL fails it with a deadlock or a
 * serialization failure: two clients writing rows of one workspace in different orders is normal use, and its error is never the
 * client's. `work` must do nothing but database work in `em`, so that running it again is safe.
 */
export async function retriedTransaction<T>(dataSource: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      const state = sqlState(error);
      if (attempt >= MAX_ATTEMPTS || !state || !RETRYABLE.has(state)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 40));
    }
  }
}

/**
 * `work` in one transaction on a connection the caller holds, begun with `begin` (`BEGIN ISOLATION LEVEL …`): committed, or
 * rolled back when it throws. Two statements of its own (BEGIN, and COMMIT or ROLLBACK) around those of `work`.
 */
export async function transactionOn<T>(runner: QueryRunner, begin: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
  await runner.query(begin);
  try {
    const result = await work(runner.manager);
    await runner.query('COMMIT');
    return result;
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * `work` in one read-only `REPEATABLE READ` transaction: every statement of it reads the same snapshot (on a primary or a hot
 * standby).
 */
export async function inSnapshot<T>(dataSource: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    return await transactionOn(runner, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work);
  } finally {
    await runner.release();
  }
}
