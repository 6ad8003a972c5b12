import { loadConfig } from '../../../src/config/config';

describe('the operations settings', () => {
  it('default to metrics on without a token and a 10 s shutdown bound', () => {
    const config = loadConfig({});
    expect(config.metricsEnabled).toBe(true);
    expect(config.metricsToken).toBeUndefined();
    expect(config.shutdownTimeoutMs).toBe(10_000);
    expect(config.logLevel).toBe('info');
  });

  it('read METRICS_ENABLED, METRICS_TOKEN, SHUTDOWN_TIMEOUT_MS and LOG_LEVEL', () => {
    const config = loadConfig({ METRICS_ENABLED: 'false', METRICS_TOKEN: 'scrape-me', SHUTDOWN_TIMEOUT_MS: '2500', LOG_LEVEL: 'debug' });
    expect(config).toMatchObject({ metricsEnabled: false, metricsToken: 'scrape-me', shutdownTimeoutMs: 2500, logLevel: 'debug' });
  });

  it('read DATABASE_READ_URL, the optional read replica (none by default)', () => {
    expect(loadConfig({}).databaseReadUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_READ_URL: 'postgres://reader@replica.internal:5432/journeygraph' }).databaseReadUrl).toBe(
      'postgres://reader@replica.internal:5432/journeygraph',
    );
    expect(() => loadConfig({ DATABASE_READ_URL: 'replica.internal' })).toThrow(/DATABASE_READ_URL/);
  });

  it('refuse a value that is not one, naming the variable', () => {
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: 'soon' })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('keep KPI statements below the pool size, so that light requests keep connections', () => {
    expect(loadConfig({}).kpiConcurrency).toEqual({ total: 7, perWorkspace: 3, perKey: 2, queueLength: 10, queueWaitMs: 10_000 });
    expect(loadConfig({ DB_POOL_SIZE: '20' }).kpiConcurrency.total).toBe(17);
    expect(loadConfig({ DB_POOL_SIZE: '3' }).kpiConcurrency.total).toBe(1);
    expect(() => loadConfig({ DB_POOL_SIZE: '4', KPI_CONCURRENCY: '4' })).toThrow(/KPI_CONCURRENCY: 4 must be below DB_POOL_SIZE \(4\)/);
    expect(() => loadConfig({ KPI_CONCURRENCY_PER_KEY: '0' })).toThrow(/KPI_CONCURRENCY_PER_KEY/);
  });
});
