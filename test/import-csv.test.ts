import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { buildSchema, getNamedType, isEnumType, isNonNullType, type GraphQLInputObjectType } from 'graphql';
import { startTestServer, type TestServer } from './helpers/test-server';
import { countRows, createLifecycleJourney } from './helpers/facts';
import { compileProject, removeBuild } from './helpers/compiled';
import { importCsv, type ImportOptions, type ImportReport } from '../src/import/importer';
import { Batcher, requestBody } from '../src/import/batches';
import { IngestionClient } from '../src/import/client';
import { KINDS, kindSpec, mutationDocument, type CellType } from '../src/import/kinds';
import { readCsv } from '../src/import/csv-reader';
import { barView } from '../src/import/progress';

const EXAMPLES = path.resolve(__dirname, '..', 'examples', 'csv');
/** The sample files in the order they must be imported (facts name customers, customers name campaigns and partners). */
const SAMPLE_ORDER = ['tiers', 'campaigns', 'partners', 'customers', 'revenue', 'costs', 'invoices', 'surveys', 'events'];

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

function csvFile(name: string, lines: string[], eol = '\n'): string {
  const file = path.join(dir, `${randomUUID()}-${name}`);
  fs.writeFileSync(file, lines.join(eol) + eol);
  return file;
}

function run(options: Partial<ImportOptions> & Pick<ImportOptions, 'key' | 'kind' | 'file'>): Promise<ImportReport> {
  return importCsv({ url: server.url, retryBaseMs: 10, ...options });
}

function sampleRows(kind: string): number {
  return fs.readFileSync(path.join(EXAMPLES, `${kind}.csv`), 'utf8').trim().split('\n').length - 1;
}

const CUSTOMER_HEADER = 'externalId,name,tier,segment,region,country,channel';
const customerLine = (id: string, tier = 'growth') => `${id},Customer ${id},${tier},SMB,EMEA,DE,DIRECT`;

describe('reading CSV', () => {
  it('knows every kind as schema/schema.graphql declares its mutation and row type', () => {
    const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '..', 'schema', 'schema.graphql'), 'utf8'));
    const mutations = schema.getMutationType()!.getFields();
    const SCALARS: Record<string, CellType> = { String: 'string', Float: 'number', Int: 'integer', LocalDate: 'date', DateTime: 'datetime' };
    for (const spec of KINDS) {
      const field = mutations[spec.mutation];
      expect(String(field?.args.find((a) => a.name === 'rows')?.type)).toBe(`[${spec.rowType}!]!`);
      const input = schema.getType(spec.rowType) as GraphQLInputObjectType;
      const declared = Object.values(input.getFields()).map((f) => {
        const named = getNamedType(f.type);
        return {
          name: f.name,
          type: isEnumType(named) ? 'enum' : SCALARS[named.name],
          optional: !isNonNullType(f.type),
          ...(isEnumType(named) ? { values: named.getValues().map((v) => v.name).sort() } : {}),
        };
      });
      const ours = spec.columns.map((c) => ({ ...c, ...(c.values ? { values: [...c.values].sort() } : {}) }));
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect({ kind: spec.kind, columns: ours.sort(byName) }).toEqual({ kind: spec.kind, columns: declared.sort(byName) });
    }
  });

  it('gives each record the line it starts on, with quoted multi-line cells, CRLF, a BOM, empty lines and ,,, lines', async () => {
    for (const eol of ['\n', '\r\n']) {
      const file = path.join(dir, `${randomUUID()}.csv`);
      const text = ['a,b', '1,2', `"multi${eol}line${eol}cell",3`, '', ',', '4,"x"', '"a ""quoted"" one",5'].join(eol);
      fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
      const stats = { skipped: 0 };
      const records = [];
      for await (const r of readCsv(file, stats)) records.push({ cells: r.cells, line: r.line, endLine: r.endLine });
      expect(records).toEqual([
        { cells: ['a', 'b'], line: 1, endLine: 1 },
        { cells: ['1', '2'], line: 2, endLine: 2 },
        { cells: [`multi${eol}line${eol}cell`, '3'], line: 3, endLine: 5 },
        { cells: ['4', 'x'], line: 8, endLine: 8 },
        { cells: ['a "quoted" one', '5'], line: 9, endLine: 9 },
      ]);
      expect(stats.skipped).toBe(1);
    }
  });

  it('draws a progress bar with rows, rows/s and ETA on a terminal', () => {
    let out = '';
    const terminal = Object.assign(new Writable({ write: (chunk, _e, done) => ((out += String(chunk)), done()) }), { isTTY: true, columns: 80 });
    const view = barView(terminal as unknown as NodeJS.WriteStream, 1000);
    view.update({ rows: 5000, bytes: 250, fileBytes: 1000, elapsedMs: 2000, totals: { inserted: 5000, updated: 0, unchanged: 0 } });
    view.log('batch 2: HTTP 429 RATE_LIMITED; retry 1 in 1.0 s');
    view.update({ rows: 20000, bytes: 1000, fileBytes: 1000, elapsedMs: 4000, totals: { inserted: 20000, updated: 0, unchanged: 0 } });
    view.stop();
    const text = out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    expect(text).toContain('batch 2: HTTP 429 RATE_LIMITED; retry 1 in 1.0 s\n');
    expect(text).toMatch(/ 100% \| 20,000 rows \| 5,000 rows\/s \| ETA 0s/);
  });

  it('cuts batches by rows and by request size', () => {
    const query = mutationDocument(kindSpec('revenue')!);
    const row = (i: number) => ({ json: JSON.stringify({ customer: `c${i}`, month: '2025-01-01', type: 'RECURRING', amount: 10 }), line: i + 2, endLine: i + 2, bytes: i });
    const byRows = new Batcher(query, 4, 1_000_000);
    const closed = Array.from({ length: 10 }, (_, i) => byRows.add(row(i))).flat();
    expect([...closed, ...byRows.flush()].map((b) => b.rows.length)).toEqual([4, 4, 2]);

    const limit = Buffer.byteLength(requestBody(query, [row(0), row(1), row(2)])); // exactly three rows fit
    const bySize = new Batcher(query, 5000, limit);
    const batches = [...Array.from({ length: 10 }, (_, i) => bySize.add(row(i))).flat(), ...bySize.flush()];
    expect(batches.map((b) => b.rows.length)).toEqual([3, 3, 3, 1]);
    for (const b of batches) expect(Buffer.byteLength(requestBody(query, b.rows))).toBeLessThanOrEqual(limit);
  });
});

describe('importing CSV files', () => {
  it('imports the sample files into a workspace with the B2B journey; a second run changes nothing', async () => {
    const { id, adminKey } = await server.workspace();
    await createLifecycleJourney(server, adminKey);

    for (const kind of SAMPLE_ORDER) {
      const report = await run({ key: adminKey, kind, file: path.join(EXAMPLES, `${kind}.csv`) });
      expect({ kind, fatal: report.fatal, problems: report.problems }).toEqual({ kind, fatal: undefined, problems: [] });
      const rows = sampleRows(kind);
      expect(report.rows).toBe(rows);
      // The workspace starts with the four tiers of tiers.csv, named the same.
      expect([report.inserted, report.updated, report.unchanged]).toEqual(kind === 'tiers' ? [0, 0, rows] : [rows, 0, 0]);
    }

    expect(await countRows(server, 'customer', id)).toBe(8);
    const [globex] = await server.dataSource.query(
      `SELECT c.name, t.key AS tier, c.acquired_on::text AS acquired FROM customer c JOIN tier t ON t.id = c.tier_id WHERE c.workspace_id = $1 AND c.external_id = 'globex'`,
      [id],
    );
    expect(globex).toEqual({ name: 'Globex, Inc.', tier: 'enterprise', acquired: '2024-06-03' });
    const [umbrella] = await server.dataSource.query(
      `SELECT p.external_id AS partner, k.external_id AS campaign FROM customer c JOIN partner p ON p.id = c.partner_id
       JOIN campaign k ON k.id = c.acquisition_campaign_id WHERE c.workspace_id = $1 AND c.external_id = 'umbrella'`,
      [id],
    );
    expect(umbrella).toEqual({ partner: 'partner-nordic', campaign: 'camp-partner-launch' });

    const [revenue] = await server.dataSource.query(`SELECT count(*)::int AS n, sum(amount)::text AS total FROM revenue WHERE workspace_id = $1`, [id]);
    expect(revenue).toEqual({ n: 20, total: '382701.00' });
    const [acme] = await server.dataSource.query(
      `SELECT r.amount::text AS amount FROM revenue r JOIN customer c ON c.id = r.customer_id
       WHERE r.workspace_id = $1 AND c.external_id = 'acme' AND r.month = '2025-03-01' AND r.type = 'SERVICES'`,
      [id],
    );
    expect(acme).toEqual({ amount: '7800.00' });
    const [costs] = await server.dataSource.query(`SELECT count(*)::int AS n, sum(amount)::text AS total FROM cost WHERE workspace_id = $1`, [id]);
    expect(costs).toEqual({ n: 8, total: '50061.25' });
    const [invoices] = await server.dataSource.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE paid_on IS NULL)::int AS open FROM invoice WHERE workspace_id = $1`,
      [id],
    );
    expect(invoices).toEqual({ n: 8, open: 2 });
    const surveys = await server.dataSource.query(`SELECT kind, count(*)::int AS n FROM survey WHERE workspace_id = $1 GROUP BY kind ORDER BY kind`, [id]);
    expect(surveys).toEqual([{ kind: 'CSAT', n: 4 }, { kind: 'NPS', n: 3 }]);
    const entered = await server.dataSource.query(
      `SELECT c.external_id AS customer, p.key AS phase FROM event e JOIN customer c ON c.id = e.customer_id JOIN phase p ON p.id = e.phase_id
       WHERE e.workspace_id = $1 AND e.type = 'PHASE_ENTERED' ORDER BY e.occurred_at`,
      [id],
    );
    expect(entered.map((e: { customer: string; phase: string }) => `${e.customer}:${e.phase}`)).toEqual([
      'initech:contact',
      'initech:consideration',
      'initech:purchase',
      'vandelay:contact',
      'initech:post_purchase',
      'vandelay:consideration',
      'vandelay:purchase',
      'acme:loyalty',
    ]);
    const [webinar] = await server.dataSource.query(
      `SELECT t.key AS touchpoint, k.external_id AS campaign FROM event e JOIN touchpoint t ON t.id = e.touchpoint_id JOIN campaign k ON k.id = e.campaign_id
       WHERE e.workspace_id = $1 AND e.external_id = 'evt-0001'`,
      [id],
    );
    expect(webinar).toEqual({ touchpoint: 'contact_webinar', campaign: 'camp-webinar-2025' });

    for (const kind of SAMPLE_ORDER) {
      const again = await run({ key: adminKey, kind, file: path.join(EXAMPLES, `${kind}.csv`) });
      expect({ kind, inserted: again.inserted, updated: again.updated, unchanged: again.unchanged, rejected: again.rejectedBatches }).toEqual({
        kind,
        inserted: 0,
        updated: 0,
        unchanged: sampleRows(kind),
        rejected: 0,
      });
    }
    expect(await countRows(server, 'revenue', id)).toBe(20);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('names a bad row by its CSV line (%s, after a quoted multi-line cell); its batch writes nothing, the others do', async (_name, eol) => {
    const { id, adminKey } = await server.workspace();
    const file = csvFile('customers.csv', [
      CUSTOMER_HEADER, // line 1
      customerLine('c1'), // line 2 ─┐ batch 1
      `c2,"Two${eol}Lines Ltd",growth,SMB,EMEA,DE,DIRECT`, // lines 3-4 │
      customerLine('c3'), // line 5 ─┘
      customerLine('c4'), // line 6 ─┐ batch 2: rejected
      customerLine('c5', 'platinum'), // line 7 │
      customerLine('c6'), // line 8 ─┘
      customerLine('c7'), // line 9 ── batch 3
    ], eol);
    const report = await run({ key: adminKey, kind: 'customers', file, batchSize: 3 });
    expect(report.fatal).toBeUndefined();
    expect(report.problems).toEqual([{ line: 7, endLine: 7, field: 'tier', reason: 'NOT_FOUND', message: 'no tier with key "platinum" in this workspace' }]);
    expect(report).toMatchObject({ rows: 7, batches: 3, rejectedBatches: 1, rejectedRows: 3, inserted: 4, updated: 0, unchanged: 0 });
    const ids = await server.dataSource.query(`SELECT external_id, name FROM customer WHERE workspace_id = $1 ORDER BY external_id`, [id]);
    expect(ids).toEqual([
      { external_id: 'c1', name: 'Customer c1' },
      { external_id: 'c2', name: `Two${eol}Lines Ltd` },
      { external_id: 'c3', name: 'Customer c3' },
      { external_id: 'c7', name: 'Customer c7' },
    ]);

    // --stop-on-error: the batch after the rejected one is not sent.
    const other = await server.workspace();
    const stopped = await run({ key: other.adminKey, kind: 'customers', file, batchSize: 3, stopOnError: true });
    expect(stopped).toMatchObject({ stoppedOnError: true, batches: 2, rejectedBatches: 1, inserted: 3 });
    expect(await countRows(server, 'customer', other.id)).toBe(3);
  });

  it('imports observed metric values (metric-values); a second run changes nothing', async () => {
    const { id, adminKey } = await server.workspace();
    for (const key of ['webinars_held', 'qualified_opportunities']) {
      const res = await server.gql(
        `mutation($input: CreateMetricInput!) { createMetric(input: $input) { key } }`,
        { input: { key, name: key, level: key === 'webinars_held' ? 'ACTIVITY' : 'OUTPUT', indicatorKind: 'LEADING', source: 'OBSERVED', unit: 'COUNT', direction: 'HIGHER_IS_BETTER' } },
        adminKey,
      );
      expect(res.errors).toBeUndefined();
    }
    const file = path.join(EXAMPLES, 'metric-values.csv');
    const first = await run({ key: adminKey, kind: 'metric-values', file });
    expect([first.problems, first.inserted, first.updated, first.unchanged]).toEqual([[], 9, 0, 0]);
    const again = await run({ key: adminKey, kind: 'metric-values', file });
    expect([again.inserted, again.updated, again.unchanged]).toEqual([0, 0, 9]);
    const [{ n, total }] = await server.dataSource.query(
      `SELECT count(*)::int AS n, sum(value)::float AS total FROM metric_value WHERE workspace_id = $1`,
      [id],
    );
    expect({ n, total }).toEqual({ n: 9, total: 4 + 6 + 5 + 12 + 15 + 11 + 30 + 28 + 34 });
  });

  it('reports cells of the wrong form, empty required cells and short or long rows, each with its line and field; such a batch is not sent', async () => {
    const { id, adminKey } = await server.workspace();
    await run({ key: adminKey, kind: 'customers', file: csvFile('c.csv', [CUSTOMER_HEADER, customerLine('a'), customerLine('b')]) });
    const file = csvFile('revenue.csv', [
      'amount,customer,month,type', // any column order
      '100,a,2025-01-01,RECURRING', // 2 ─┐ batch 1: rejected by the importer, not sent
      '"1,250.50",a,2025-02-01,RECURRING', // 3 │
      '100,,2025-03-01,RECURRING', // 4 ─┘
      '100,b,2025-01-01,RECURRING', // 5 ─┐ batch 2: a date and an enum value of the wrong form
      '100,b,2025-13-01,RECURRING', // 6 │
      '100,b,2025-03-01,MONTHLY', // 7 ─┘
      '100,a,2025-04-01,RECURRING', // 8 ─┐ batch 3: the server refuses a rule
      '100.125,b,2025-04-01,RECURRING', // 9 │
      '100,a,2025-04-15,RECURRING,extra', // 10┘ … and the importer a row of 5 cells: not sent either
      '200,a,2025-05-01,SERVICES', // 11 ── batch 4
    ]);
    const report = await run({ key: adminKey, kind: 'revenue', file, batchSize: 3 });
    expect(report.fatal).toBeUndefined();
    expect(report.problems.map((p) => [p.line, p.field, p.reason])).toEqual([
      [3, 'amount', 'INVALID'],
      [4, 'customer', 'INVALID'],
      [6, 'month', 'INVALID'],
      [7, 'type', 'INVALID'],
      [10, '(row)', 'INVALID'],
    ]);
    expect(report.problems[0].message).toBe('amount must be a number with a dot for decimals and no thousands separator, e.g. 1250.5; got "1,250.50"');
    expect(report.problems[1].message).toBe('customer is required; the cell is empty');
    expect(report.problems[2].message).toBe('month must be a date as YYYY-MM-DD, e.g. 2025-03-01; got "2025-13-01"');
    expect(report.problems[3].message).toBe('type must be one of RECURRING, ONE_TIME, SERVICES; got "MONTHLY"');
    expect(report.problems[4].message).toBe('the row has 5 cells; the header has 4');
    expect(report).toMatchObject({ rows: 10, batches: 4, rejectedBatches: 3, rejectedRows: 9, inserted: 1 });
    const rows = await server.dataSource.query(`SELECT month::text, type, amount::text FROM revenue WHERE workspace_id = $1`, [id]);
    expect(rows).toEqual([{ month: '2025-05-01', type: 'SERVICES', amount: '200.00' }]);

    // Now rows 8 and 9: a batch with only rule problems comes back from the server with every bad row.
    const rule = csvFile('rule.csv', ['customer,month,type,amount', 'a,2025-04-01,RECURRING,100', 'b,2025-04-01,RECURRING,100.125', 'zz,2025-04-01,RECURRING,1']);
    const ruled = await run({ key: adminKey, kind: 'revenue', file: rule });
    expect(ruled.problems.map((p) => [p.line, p.field, p.reason])).toEqual([
      [3, 'amount', 'INVALID'],
      [4, 'customer', 'NOT_FOUND'],
    ]);
    expect(await countRows(server, 'revenue', id)).toBe(1);
  });

  it('maps the errors GraphQL gives for values of the wrong type to rows and fields', async () => {
    const { adminKey } = await server.workspace();
    const client = new IngestionClient({ url: server.url, key: adminKey });
    const query = mutationDocument(kindSpec('revenue')!);
    const row = (type: string) => ({ json: JSON.stringify({ customer: 'x', month: '2025-01-01', type, amount: 1 }), line: 0, endLine: 0, bytes: 0 });
    const outcome = await client.send(requestBody(query, [row('RECURRING'), row('MONTHLY')]));
    expect(outcome).toEqual({
      kind: 'rejected',
      problems: [{ index: 1, field: 'type', reason: 'INVALID', message: '"MONTHLY": Value "MONTHLY" does not exist in "RevenueType" enum.' }],
      message: expect.any(String),
    });
  });

  it('refuses a header with an unknown or missing column before sending anything', async () => {
    const { adminKey } = await server.workspace();
    const typo = await run({ key: adminKey, kind: 'revenue', file: csvFile('r.csv', ['customer,month,type,amout', 'a,2025-01-01,RECURRING,1']) });
    expect(typo.fatal).toBe('Unknown column "amout" for --kind revenue; the columns are: customer, month, type, amount (? = optional).');
    const missing = await run({ key: adminKey, kind: 'invoices', file: csvFile('i.csv', ['externalId,customer,issuedOn,amount', 'x,a,2025-01-01,1']) });
    expect(missing.fatal).toBe('The header lacks the column dueOn for --kind invoices; the columns are: externalId, customer, issuedOn, dueOn, paidOn?, amount (? = optional).');
    expect(typo.batches + missing.batches).toBe(0);
  });

  it('cuts batches under --max-body-bytes, and splits a batch the server refuses with HTTP 413', async () => {
    const small = await startTestServer({ maxBodyBytes: 4000 });
    try {
      const lines = [CUSTOMER_HEADER, ...Array.from({ length: 60 }, (_, i) => customerLine(`body-${String(i).padStart(3, '0')}`))];
      const file = csvFile('customers.csv', lines);

      const first = await small.workspace();
      const cut = await importCsv({ url: small.url, key: first.adminKey, kind: 'customers', file, maxBodyBytes: 3000 });
      expect(cut).toMatchObject({ rows: 60, inserted: 60, splits: 0, rejectedBatches: 0 });
      // Each row is about 120 bytes of JSON: 3,000-byte bodies hold about 23 of them.
      expect(cut.batches).toBe(3);
      expect(await countRows(small, 'customer', first.id)).toBe(60);

      // The server's limit is lower than the importer's: the 60-row batch gets HTTP 413, and is sent in halves.
      const second = await small.workspace();
      const split = await importCsv({ url: small.url, key: second.adminKey, kind: 'customers', file });
      expect(split).toMatchObject({ rows: 60, inserted: 60, rejectedBatches: 0 });
      expect(split.splits).toBe(3); // 60 → 30 + 30 → each 15 + 15
      expect(split.batches).toBe(4);
      expect(await countRows(small, 'customer', second.id)).toBe(60);
      expect(small.logs.filter((l) => l.status === 413)).toHaveLength(3);
    } finally {
      await small.close();
    }
  });

  it('waits out HTTP 429 for the time Retry-After says, and goes on', async () => {
    const limited = await startTestServer({ rateLimit: { requests: 0, rows: 10, windowSeconds: 1, keyPrefix: `t-${randomUUID()}` } });
    try {
      const { id, adminKey } = await limited.workspace();
      const file = csvFile('customers.csv', [CUSTOMER_HEADER, ...Array.from({ length: 24 }, (_, i) => customerLine(`rl-${i}`))]);
      const waits: number[] = [];
      const report = await importCsv({ url: limited.url, key: adminKey, kind: 'customers', file, batchSize: 8, onRetry: (r) => waits.push(r.delayMs) });
      expect(report).toMatchObject({ rows: 24, inserted: 24, batches: 3, rejectedBatches: 0 });
      expect(report.retries.rateLimited).toBeGreaterThanOrEqual(2);
      expect(waits.every((ms) => ms === 1000)).toBe(true);
      expect(await countRows(limited, 'customer', id)).toBe(24);
    } finally {
      await limited.close();
    }
  });

  it('retries HTTP 503 and network errors with backoff, and fails clearly on a refused key or role', async () => {
    const { id, adminKey } = await server.workspace();
    // A proxy in front of the real server that answers the first requests with a dropped connection and two 503s.
    const faults: ('reset' | 503)[] = ['reset', 503, 503];
    const proxy = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const fault = faults.shift();
      if (fault === 'reset') return req.socket.destroy();
      if (fault === 503) {
        res.writeHead(503, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ errors: [{ message: 'The database is unreachable.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }));
      }
      const upstream = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: req.headers.authorization! }, body: Buffer.concat(chunks) });
      res.writeHead(upstream.status, { 'content-type': 'application/json' });
      res.end(await upstream.text());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}/graphql`;
    try {
      const file = csvFile('customers.csv', [CUSTOMER_HEADER, customerLine('n1'), customerLine('n2')]);
      const causes: string[] = [];
      const report = await importCsv({ url: proxyUrl, key: adminKey, kind: 'customers', file, retryBaseMs: 10, onRetry: (r) => causes.push(`${r.cause} ${r.delayMs}`) });
      expect(report).toMatchObject({ inserted: 2, rejectedBatches: 0, retries: { network: 1, unavailable: 2, rateLimited: 0 } });
      expect(report.fatal).toBeUndefined();
      expect(causes).toEqual([expect.stringMatching(/^network error: .* 10$/), 'HTTP 503 SERVICE_UNAVAILABLE 20', 'HTTP 503 SERVICE_UNAVAILABLE 40']);
      expect(await countRows(server, 'customer', id)).toBe(2);

      faults.push(503, 503, 503);
      const gaveUp = await importCsv({ url: proxyUrl, key: adminKey, kind: 'customers', file, retries: 2, retryBaseMs: 10 });
      expect(gaveUp.fatal).toBe('HTTP 503 SERVICE_UNAVAILABLE: The database is unreachable.; gave up after 3 attempts');
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }

    const file = csvFile('customers.csv', [CUSTOMER_HEADER, customerLine('k1')]);
    const unknownKey = await run({ key: 'jg_00000000-0000-0000-0000-000000000000_nope', kind: 'customers', file });
    expect(unknownKey.fatal).toMatch(/^the server refused the key \(UNAUTHENTICATED\): /);
    const viewer = await run({ key: await server.key(adminKey, 'VIEWER'), kind: 'customers', file });
    expect(viewer.fatal).toMatch(/^the key may not import this \(FORBIDDEN\): /);
    expect([unknownKey.batches, viewer.batches]).toEqual([0, 0]);
    expect(await countRows(server, 'customer', id)).toBe(2);
  });
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
