import { Writable } from 'node:stream';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource, type DataSourceOptions } from '../../src/db/data-source';
import { ReadReplica } from '../../src/db/read-replica';
import { createApp, type App, type AppOptions } from '../../src/server/app';
import { appEntities, appModules } from '../../src/app.modules';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions: { code: string; [k: string]: any } }[];
}

export interface TestServer {
  url: string;
  app: App;
  dataSource: DataSource;
  /** Every log line the server wrote, parsed. */
  logs: Record<string, any>[];
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, key?: string): Promise<GraphQLResponse<T>>;
  /** A new workspace with its first ADMIN key. */
  workspace(name?: string): Promise<{ id: string; adminKey: string }>;
  /** A key of the given role in the workspace of `adminKey`. */
  key(adminKey: string, role: string, extra?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;

/** The real HTTP server on a free port, over the test database that global-setup migrated. */
export type TestServerOptions = Partial<Pick<AppOptions, 'limits' | 'production' | 'rateLimit' | 'maxBodyBytes' | 'metrics' | 'maxResponseBytes' | 'maxKpiRows' | 'kpiConcurrency' | 'dashboardDir' | 'apiKeyCacheSeconds' | 'kpiAggregates' | 'aggregateBuilder'>> &
  Partial<Pick<DataSourceOptions, 'poolSize' | 'statementTimeoutMs' | 'connectTimeoutMs'>> & {
    /** Another (migrated) database than the suite's. */
    databaseUrl?: string;
    /** A read replica of it (DATABASE_READ_URL), probed again every `replicaProbeIntervalMs` while it is down. */
    readReplicaUrl?: string;
    replicaProbeIntervalMs?: number;
  };

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { poolSize, statementTimeoutMs, connectTimeoutMs, databaseUrl, readReplicaUrl, replicaProbeIntervalMs, ...appOptions } = options;
  const url = databaseUrl ?? process.env.JG_TEST_DATABASE_URL;
  if (!url) throw new Error('JG_TEST_DATABASE_URL is not set: run the tests with jest, whose global setup provides the database.');
  const dataSource = createDataSource({ url, entities: appEntities, poolSize: poolSize ?? 5, statementTimeoutMs, connectTimeoutMs });
  await dataSource.initialize();
  const logs: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const readReplica = readReplicaUrl
    ? new ReadReplica({
        url: readReplicaUrl,
        entities: appEntities,
        poolSize: poolSize ?? 5,
        statementTimeoutMs,
        connectTimeoutMs,
        logger,
        probeIntervalMs: replicaProbeIntervalMs,
      })
    : undefined;
  await readReplica?.connected;
  // Without the cache of verified keys unless a test asks for it: whether a key is read again then depends on when the app's
  // listener came up, and many tests count the statements of a request (the cache has tests of its own).
  const app = await createApp({ modules: appModules, dataSource, readReplica, logger, production: false, ...appOptions, apiKeyCacheSeconds: appOptions.apiKeyCacheSeconds ?? 0 });
  const graphqlUrl = await app.listen(0);

  const gql: TestServer['gql'] = async (query, variables, key) => {
    const res = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: any[] };
    return { status: res.status, headers: res.headers, data: body.data, errors: body.errors };
  };

  return {
    url: graphqlUrl,
    app,
    dataSource,
    logs,
    gql,
    async workspace(name) {
      counter += 1;
      const { workspace, adminKey } = await app.services.workspaces.createWorkspace({
        name: name ?? `Test workspace ${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`,
      });
      return { id: workspace.id, adminKey };
    },
    async key(adminKey, role, extra = {}) {
      const res = await gql<{ createApiKey: { key: string } }>(
        `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`,
        { input: { name: `${role} key`, role, ...extra } },
        adminKey,
      );
      if (!res.data?.createApiKey) throw new Error(`could not create a ${role} key: ${JSON.stringify(res.errors)}`);
      return res.data.createApiKey.key;
    },
    async close() {
      await app.close();
      await readReplica?.close();
      await dataSource.destroy();
    },
  };
}

/** The first error's code, for `expect(codeOf(res)).toBe('NOT_FOUND')`. */
export function codeOf(res: GraphQLResponse): string | undefined {
  return res.errors?.[0]?.extensions.code;
}
