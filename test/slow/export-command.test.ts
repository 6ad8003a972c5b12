import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { compileProject, removeBuild } from '../helpers/compiled';
import { KpiFixtures, handMadeCustomers } from '../helpers/kpi-fixtures';

/** `npm run export` as a user runs it: the compiled command in a process of its own, reading the API of a real server. */

let server: TestServer;
let dir: string;
let build: string;
let key: string;
let workspaceId: string;

beforeAll(async () => {
  server = await startTestServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-export-'));
  build = compileProject();
  let fixtures: KpiFixtures;
  ({ fixtures, key } = await KpiFixtures.create(server));
  workspaceId = fixtures.workspaceId;
  await handMadeCustomers(fixtures);
  // A name a spreadsheet would run as a formula, and one with a comma: both must come out as plain text.
  await server.dataSource.query(`UPDATE customer SET name = '=HYPERLINK("x")' WHERE workspace_id = $1 AND external_id = 'dave'`, [fixtures.workspaceId]);
  await server.dataSource.query(`UPDATE customer SET name = 'Bob, Inc.' WHERE workspace_id = $1 AND external_id = 'bob'`, [fixtures.workspaceId]);
});
afterAll(async () => {
  removeBuild(build);
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(build, 'scripts', 'export-csv.js'), ...args], { env: { ...process.env, INIT_CWD: dir } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the export command', () => {
  it('pages through a drill-down into a CSV file, with a progress line per page', async () => {
    const run = await cli(['--url', server.url, '--key', key, '--kind', 'kpi-customers', '--set', 'ACTIVE', '--grain', 'MONTH', '--period-start', '2025-03-01', '--page-size', '2', '--out', 'active.csv']);
    expect(run.stderr).toContain(`Exporting kpi-customers from ${server.url} to ${path.join(dir, 'active.csv')}`);
    expect(run.stderr.match(/^progress: .*$/gm)).toEqual([
      expect.stringMatching(/^progress: 2 rows of 3 \(66%\), 1 request, [\d.]+ s$/),
      expect.stringMatching(/^progress: 3 rows of 3 \(100%\), 2 requests, [\d.]+ s$/),
    ]);
    expect(run.code).toBe(0);
    const lines = fs.readFileSync(path.join(dir, 'active.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('customerId,externalId,name,tier,segment,region,country,channel,partner,acquisitionCampaign,mrrAtBase,mrrAtEnd,movement,mrrChange,status,currentMrr,firstMonth');
    // Largest change first: dave new at 300, bob down 80, alice up 50. Their standing is as of the watermark, March 2026.
    expect(lines.slice(1).map((l) => l.replace(/^[0-9a-f-]{36},/, ''))).toEqual([
      `dave,"'=HYPERLINK(""x"")",enterprise,SMB,EMEA,DE,DIRECT,,spring,0,300,NEW,300,CHURNED,0,2025-03-01`,
      `bob,"Bob, Inc.",growth,MID_MARKET,NA,DE,PARTNER,p1,,200,120,CONTRACTION,-80,CHURNED,0,2025-01-01`,
      'alice,alice,strategic,ENTERPRISE,EMEA,DE,DIRECT,,,100,150,EXPANSION,50,ACTIVE,150,2025-01-01',
    ]);
  });

  it('writes a grouped cohort table to standard output, one line per cohort, group and age', async () => {
    const run = await cli(['--url', server.url, '--key', key, '--kind', 'cohorts', '--grain', 'month', '--from', '2025-01-01', '--to', '2025-01-31', '--ages', '1', '--group-by', 'tier', '--progress', 'none']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'cohortStart,cohortEnd,tier,size,age,periodStart,activeCustomers,logoRetention,mrr,revenueRetention,cumulativeRevenuePerCustomer',
        '2025-01-01,2025-01-31,growth,2,0,2025-01-01,2,1,250,1,125',
        '2025-01-01,2025-01-31,growth,2,1,2025-02-01,1,0.5,200,0.8,225',
        '2025-01-01,2025-01-31,strategic,1,0,2025-01-01,1,1,100,1,100',
        '2025-01-01,2025-01-31,strategic,1,1,2025-02-01,1,1,100,1,200',
        '',
      ].join('\n'),
    );
  });

  it("names a workspace's own segment by its key: in a filter, as a group and in the customer's column", async () => {
    const res = await server.gql(
      `mutation($rows: [SegmentRowInput!]!) { upsertSegments(rows: $rows) { inserted } }`,
      { rows: [{ key: 'loyal_shoppers', name: 'Loyal shoppers', rank: 9 }] },
      key,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.upsertSegments.inserted).toBe(1);
    await server.dataSource.query(
      `UPDATE customer c SET segment_id = s.id FROM segment s
        WHERE s.workspace_id = c.workspace_id AND s.key = 'loyal_shoppers' AND c.workspace_id = $1 AND c.external_id = 'carol'`,
      [workspaceId],
    );
    // The January cohort: alice (ENTERPRISE) 100 in January and February; carol (now loyal_shoppers) 50 in January only.
    const cohorts = await cli([
      '--url', server.url, '--key', key, '--kind', 'cohorts', '--grain', 'MONTH', '--from', '2025-01-01', '--to', '2025-01-31', '--ages', '1',
      '--group-by', 'segment', '--filter', 'segment=loyal_shoppers,ENTERPRISE', '--progress', 'none',
    ]);
    expect(cohorts.code).toBe(0);
    expect(cohorts.stdout.trimEnd().split('\n')).toEqual([
      'cohortStart,cohortEnd,segment,size,age,periodStart,activeCustomers,logoRetention,mrr,revenueRetention,cumulativeRevenuePerCustomer',
      '2025-01-01,2025-01-31,ENTERPRISE,1,0,2025-01-01,1,1,100,1,100',
      '2025-01-01,2025-01-31,ENTERPRISE,1,1,2025-02-01,1,1,100,1,200',
      '2025-01-01,2025-01-31,loyal_shoppers,1,0,2025-01-01,1,1,50,1,50',
      '2025-01-01,2025-01-31,loyal_shoppers,1,1,2025-02-01,0,0,0,0,50',
    ]);
    const drill = await cli([
      '--url', server.url, '--key', key, '--kind', 'kpi-customers', '--set', 'ACTIVE', '--grain', 'MONTH', '--period-start', '2025-01-01',
      '--filter', 'segment=loyal_shoppers', '--progress', 'none',
    ]);
    expect(drill.code).toBe(0);
    expect(drill.stdout.trimEnd().split('\n').slice(1).map((l) => l.replace(/^[0-9a-f-]{36},/, ''))).toEqual([
      'carol,carol,growth,loyal_shoppers,EMEA,DE,DIRECT,,,0,50,NEW,50,CHURNED,0,2025-01-01',
    ]);
  });

  it('exits 2 on a usage error and 1 with the server\'s reason when the API refuses', async () => {
    const usage = await cli(['--url', server.url, '--key', key, '--kind', 'cohorts', '--grain', 'MONTH']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('A cohort table needs --from and --to');
    const refused = await cli(['--url', server.url, '--key', key, '--kind', 'kpi-customers', '--set', 'CHURNED', '--grain', 'QUARTER', '--period-start', '2025-02-01']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/export failed: BAD_USER_INPUT: .*periodStart: periodStart must be the first day of a quarter/);
    const badKey = await cli(['--url', server.url, '--key', 'jg_nope_nope', '--kind', 'cohorts', '--grain', 'MONTH', '--from', '2025-01-01', '--to', '2025-01-31']);
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toContain('export failed: UNAUTHENTICATED');
  });
});
