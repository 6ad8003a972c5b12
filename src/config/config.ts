import path from 'node:path';
import { cleanEnv, num, port, str, url, bool } from 'envalid';

/** Every setting the service reads from its environment, validated once at start. See the README's configuration table. */
export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  host: string;
  port: number;
  databaseUrl: string | undefined;
  embeddedPgPort: number;
  embeddedPgDataDir: string;
  logLevel: string;
  demoWorkspace: boolean;
  dbPoolSize: number;
  metricsEnabled: boolean;
  metricsToken: string | undefined;
  shutdownTimeoutMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const e = cleanEnv(
    env,
    {
      NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'development' }),
      HOST: str({ default: '0.0.0.0', desc: 'Interface the HTTP server listens on' }),
      PORT: port({ default: 4000, desc: 'HTTP port of the GraphQL API' }),
      DATABASE_URL: url({ default: undefined, desc: 'PostgreSQL server to use; unset starts an embedded PostgreSQL' }),
      EMBEDDED_PG_PORT: port({ default: 54329, desc: 'Port of the embedded PostgreSQL' }),
      EMBEDDED_PG_DATA_DIR: str({ default: '.data/postgres', desc: 'Data directory of the embedded PostgreSQL' }),
      LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
      DEMO_WORKSPACE: bool({ default: true, desc: 'Create the demo workspace on first start' }),
      DB_POOL_SIZE: num({ default: 10, desc: 'Maximum connections in the database pool' }),
      METRICS_ENABLED: bool({ default: true, desc: 'Serve Prometheus metrics at GET /metrics' }),
      METRICS_TOKEN: str({ default: '', desc: 'When set, GET /metrics requires "Authorization: Bearer <token>"' }),
      SHUTDOWN_TIMEOUT_MS: num({ default: 10_000, desc: 'On SIGTERM/SIGINT, how long requests in flight may take to finish' }),
    },
    {
      reporter: ({ errors }) => {
        const names = Object.keys(errors);
        if (names.length > 0) {
          const lines = names.map((name) => `  ${name}: ${(errors as Record<string, Error>)[name].message}`);
          throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
        }
      },
    },
  );
  return {
    nodeEnv: e.NODE_ENV as AppConfig['nodeEnv'],
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL || undefined,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    embeddedPgDataDir: path.resolve(e.EMBEDDED_PG_DATA_DIR),
    logLevel: e.LOG_LEVEL,
    demoWorkspace: e.DEMO_WORKSPACE,
    dbPoolSize: e.DB_POOL_SIZE,
    metricsEnabled: e.METRICS_ENABLED,
    metricsToken: e.METRICS_TOKEN || undefined,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}
