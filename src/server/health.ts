import type { Express } from 'express';
import type { DataSource } from 'typeorm';

/** How long /readyz waits for the database before it answers 503. */
const READINESS_TIMEOUT_MS = 3_000;

export type Readiness = { ready: true } | { ready: false; reason: string };

/** The database answers, and every migration the code ships is recorded in its migrations table. */
export async function checkReadiness(dataSource: DataSource): Promise<Readiness> {
  if (!dataSource.isInitialized) return { ready: false, reason: 'The database connection is closed.' };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${READINESS_TIMEOUT_MS} ms`)), READINESS_TIMEOUT_MS);
  });
  try {
    await Promise.race([dataSource.query('SELECT 1'), timeout]);
    const table = dataSource.options.migrationsTableName ?? 'migrations';
    const rows: { name: string }[] = await Promise.race([
      dataSource.query(`SELECT name FROM "${table}"`).catch((err: { code?: string; driverError?: { code?: string } }) => {
        if (err?.driverError?.code === '42P01' || err?.code === '42P01') return [];
        throw err;
      }),
      timeout,
    ]);
    const applied = new Set(rows.map((r) => r.name));
    const pending = dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
    if (pending.length) return { ready: false, reason: `Migrations not applied: ${pending.join(', ')}.` };
    return { ready: true };
  } catch (err) {
    return { ready: false, reason: `The database does not answer: ${(err as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /healthz`: the process serves HTTP. `GET /readyz`: it can serve requests (database up, schema current, not
 * shutting down); a load balancer sends traffic only while it answers 200. Neither needs a key or touches a workspace.
 */
export function mountHealth(app: Express, dataSource: DataSource, isShuttingDown: () => boolean): void {
  const started = Date.now();
  app.get('/healthz', (_req, res) => {
    res.set('cache-control', 'no-store').json({ status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000) });
  });
  app.get('/readyz', async (_req, res) => {
    const readiness: Readiness = isShuttingDown()
      ? { ready: false, reason: 'The server is shutting down.' }
      : await checkReadiness(dataSource);
    res.set('cache-control', 'no-store');
    if (readiness.ready) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'unavailable', reason: readiness.reason });
  });
}
