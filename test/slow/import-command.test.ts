import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { compileProject, removeBuild } from '../helpers/compiled';
import { ROOT } from '../helpers/paths';

/** `npm run import` as a user runs it: the compiled command in a process of its own, against the API. */

const EXAMPLES = path.resolve(ROOT, 'examples', 'csv');

let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startTestServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-import-'));
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the import command', () => {
  let build: string;
  beforeAll(() => {
    build = compileProject();
  });
  afterAll(() => removeBuild(build));

  function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(build, 'scripts', 'import-csv.js'), ...args], { env: { ...process.env, INIT_CWD: dir } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('prints progress lines and the totals and exits 0; exits 1 with the bad lines when a batch is rejected; 2 on a usage error', async () => {
    const { id, adminKey } = await server.workspace();
    const customers = path.join(EXAMPLES, 'customers.csv');
    for (const kind of ['campaigns', 'partners']) {
      expect((await cli(['--url', server.url, '--key', adminKey, '--kind', kind, path.join(EXAMPLES, `${kind}.csv`)])).code).toBe(0);
    }
    const ok = await cli(['--url', server.url, '--key', adminKey, '--kind', 'customers', '--batch-size', '3', '--progress-every', '0', customers]);
    expect(ok.stderr).toContain(`Importing customers.csv as customers into ${server.url}`);
    expect(ok.stderr.match(/^progress: .*$/gm)).toEqual([
      expect.stringMatching(/^progress: 3 rows \(\d+%\), [\d,]+ rows\/s, ETA \d+ s; inserted 3, updated 0, unchanged 0$/),
      expect.stringMatching(/^progress: 6 rows \(\d+%\), [\d,]+ rows\/s, ETA \d+ s; inserted 6, updated 0, unchanged 0$/),
      expect.stringMatching(/^progress: 8 rows \(100%\), [\d,]+ rows\/s, ETA 0 s; inserted 8, updated 0, unchanged 0$/),
    ]);
    expect(ok.stdout).toMatch(/^customers \(upsertCustomers\): 8 rows in 3 batches, [\d.]+ s \([\d,]+ rows\/s\)\ninserted 8, updated 0, unchanged 0\n$/);
    expect(ok.code).toBe(0);

    const again = await cli(['--url', server.url, '--key', adminKey, '--kind', 'customers', customers]);
    expect(again.stdout).toContain('inserted 0, updated 0, unchanged 8\n');
    expect(again.code).toBe(0);

    // A relative path is read from where the command was typed (INIT_CWD, as npm sets it).
    fs.writeFileSync(path.join(dir, 'bad-revenue.csv'), ['customer,month,type,amount', 'acme,2025-01-01,RECURRING,10', '"hoo', 'li",2025-01-01,RECURRING,10', 'acme,2025-02-01,RECURRING,-5', 'acme,2025-03-01,RECURRING,10'].join('\n'));
    const bad = await cli(['--url', server.url, '--key', adminKey, '--kind', 'revenue', '--batch-size', '3', 'bad-revenue.csv']);
    expect(bad.stderr).toContain('batch 1 (3 rows) rejected, nothing of it was written:\n');
    expect(bad.stderr).toMatch(/^ {2}lines 3-4, customer: NOT_FOUND: .*$/m);
    expect(bad.stderr).toMatch(/^ {2}line 5, amount: INVALID: .*$/m);
    expect(bad.stdout).toContain('inserted 1, updated 0, unchanged 0\n');
    expect(bad.stdout).toContain('REJECTED: 1 of 2 batches wrote nothing: 2 bad rows, 3 rows not written.');
    expect(bad.code).toBe(1);
    const revenue = await server.dataSource.query(`SELECT month::text FROM revenue WHERE workspace_id = $1`, [id]);
    expect(revenue).toEqual([{ month: '2025-03-01' }]);

    // One row is "1 row", one batch "1 batch", in the progress, the rejection and the summary.
    fs.writeFileSync(path.join(dir, 'one-revenue.csv'), ['customer,month,type,amount', 'acme,2025-04-01,RECURRING,10'].join('\n'));
    const one = await cli(['--url', server.url, '--key', adminKey, '--kind', 'revenue', '--progress', 'lines', '--progress-every', '0', 'one-revenue.csv']);
    expect(one.stderr).toMatch(/^progress: 1 row \(100%\), [\d,]+ rows\/s, ETA 0 s; inserted 1, updated 0, unchanged 0$/m);
    expect(one.stdout).toMatch(/^revenue \(recordRevenue\): 1 row in 1 batch, [\d.]+ s \([\d,]+ rows\/s\)\ninserted 1, updated 0, unchanged 0\n$/);
    fs.writeFileSync(path.join(dir, 'one-bad.csv'), ['customer,month,type,amount', 'nobody,2025-04-01,RECURRING,10'].join('\n'));
    const oneBad = await cli(['--url', server.url, '--key', adminKey, '--kind', 'revenue', 'one-bad.csv']);
    expect(oneBad.stderr).toContain('batch 1 (1 row) rejected, nothing of it was written:\n');
    expect(oneBad.stdout).toContain('REJECTED: 1 of 1 batch wrote nothing: 1 bad row, 1 row not written.');

    const usage = await cli(['--url', server.url, '--kind', 'revenue', '--key', adminKey, '--batch-size', '20000', 'bad-revenue.csv']);
    expect(usage.stderr).toContain('--batch-size must be a whole number from 1 to 10000; got 20000.');
    expect(usage.code).toBe(2);
    const refused = await cli(['--url', server.url, '--kind', 'revenue', '--key', 'jg_00000000-0000-0000-0000-000000000000_x', 'bad-revenue.csv']);
    expect(refused.stdout).toMatch(/^FAILED: the server refused the key \(UNAUTHENTICATED\): /m);
    expect(refused.code).toBe(1);
  });
});
