import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { throwawayDataDir } from '../src/db/embedded-postgres';
import { createDataSource } from '../src/db/data-source';
import { WorkspaceService } from '../src/modules/workspaces/workspace.service';
import { freePort } from './global-setup';
import { compileProject, removeBuild, startNode } from './helpers/compiled';
import { startTestServer, codeOf } from './helpers/test-server';
import { appEntities } from '../src/app.modules';

describe('database faults', () => {
  it('a statement over the statement timeout is cancelled and reported clearly, and the next request is served', async () => {
    const server = await startTestServer({ statementTimeoutMs: 200 });
    try {
      const { adminKey } = await server.workspace();
      const journeys = server.app.services.journeys;
      const original = journeys.listOwners;
      // A runaway statement, run through the server's own pool and its statement_timeout.
      journeys.listOwners = async () => server.dataSource.query('SELECT pg_sleep(5)');
      const started = Date.now();
      const res = await server.gql(`{ owners { id } }`, {}, adminKey);
      journeys.listOwners = original;
      expect(Date.now() - started).toBeLessThan(2000);
      expect(res.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'statementTimeout' });
      expect(res.errors![0].message).toContain('statement timeout');
      const [{ statement_timeout }] = await server.dataSource.query('SHOW statement_timeout');
      expect(statement_timeout).toBe('200ms');
      expect((await server.gql(`{ owners { id } }`, {}, adminKey)).errors).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('an exhausted pool makes a request wait a bounded time, then refuses it with SERVICE_UNAVAILABLE', async () => {
    const server = await startTestServer({ poolSize: 1, connectTimeoutMs: 300 });
    const { adminKey } = await server.workspace();
    const holder = server.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      const started = Date.now();
      const res = await server.gql(`{ journeys { id } }`, {}, adminKey);
      const waited = Date.now() - started;
      expect(res.status).toBe(503);
      expect(codeOf(res)).toBe('SERVICE_UNAVAILABLE');
      expect(res.headers.get('retry-after')).toBe('1');
      expect(waited).toBeGreaterThanOrEqual(250);
      expect(waited).toBeLessThan(2000);
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    expect((await server.gql(`{ journeys { id } }`, {}, adminKey)).errors).toBeUndefined();
    await server.close();
  });

  it('a database stopped and restarted while requests flow: no crash, every request answered or refused with SERVICE_UNAVAILABLE within 2 s, service back within 5 s', async () => {
    const build = compileProject();
    const dataDir = throwawayDataDir();
    const controller = startNode(path.join(build, 'test/helpers/pg-controller.js'), [dataDir, String(await freePort())]);
    let server: ReturnType<typeof startNode> | undefined;
    try {
      const url = JSON.parse((await controller.waitFor(/\{"event":"started".*\}/))[0]).url as string;
      const dataSource = createDataSource({ url, entities: appEntities });
      await dataSource.initialize();
      await dataSource.runMigrations();
      const { adminKey } = await new WorkspaceService(dataSource).createWorkspace({ name: 'Restart' });
      await dataSource.destroy();

      const port = await freePort();
      server = startNode(path.join(build, 'src/main.js'), [], {
        DATABASE_URL: url,
        PORT: String(port),
        HOST: '127.0.0.1',
        DEMO_WORKSPACE: 'false',
        RATE_LIMIT_REQUESTS: '0',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
      });
      await server.waitFor(/serving GraphQL at/);

      const results: { at: number; ms: number; ok: boolean; code?: string; status: number }[] = [];
      let running = true;
      const worker = async () => {
        while (running) {
          const started = Date.now();
          try {
            const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
              body: JSON.stringify({ query: '{ journeys { id } workspace { name } }' }),
              signal: AbortSignal.timeout(10_000),
            });
            const body = (await res.json()) as any;
            results.push({ at: started, ms: Date.now() - started, ok: body.data?.workspace?.name === 'Restart', code: body.errors?.[0]?.extensions?.code, status: res.status });
          } catch (err) {
            results.push({ at: started, ms: Date.now() - started, ok: false, code: `fetch failed: ${(err as Error).message}`, status: 0 });
          }
          await sleep(20);
        }
      };
      const workers = Array.from({ length: 4 }, worker);
      await sleep(1000);
      controller.child.stdin!.write('stop\n');
      await controller.waitFor(/"event":"stopped"/);
      await sleep(1500);
      controller.child.stdin!.write('start\n');
      const restarted = JSON.parse((await controller.waitFor(/\{"event":"started"[^}]*\}(?![\s\S]*"event":"started")/, 30_000))[0]);
      await sleep(5000);
      running = false;
      await Promise.all(workers);

      expect(server.child.exitCode).toBeNull(); // the server never crashed
      const unexpected = results.filter((r) => !r.ok && r.code !== 'SERVICE_UNAVAILABLE');
      expect(unexpected).toEqual([]);
      expect(results.filter((r) => r.code === 'SERVICE_UNAVAILABLE').every((r) => r.status === 503)).toBe(true);
      expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(2000);
      const refused = results.filter((r) => r.code === 'SERVICE_UNAVAILABLE').length;
      expect(refused).toBeGreaterThan(0);
      const back = results.filter((r) => r.ok && r.at >= restarted.at).sort((a, b) => a.at - b.at)[0];
      expect(back).toBeDefined();
      const recoveryMs = back.at + back.ms - restarted.at;
      expect(recoveryMs).toBeLessThan(5000);
      const lastFailure = Math.max(...results.filter((r) => !r.ok).map((r) => r.at));
      expect(results.filter((r) => r.at > lastFailure).length).toBeGreaterThan(10);
      console.log(`database restart: ${results.length} requests, ${refused} refused with SERVICE_UNAVAILABLE, none unanswered; service back ${recoveryMs} ms after PostgreSQL was up again`);
    } finally {
      if (server) {
        server.child.kill('SIGINT');
        await server.exited;
      }
      controller.child.stdin!.write('exit\n');
      await controller.exited;
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
      removeBuild(build);
    }
  });
});
