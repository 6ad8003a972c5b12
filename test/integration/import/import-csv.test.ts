import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { countRows, createLifecycleJourney } from '../../helpers/facts';
import { importCsv, type ImportOptions, type ImportReport } from '../../../src/import/importer';
import { requestBody } from '../../../src/import/batches';
import { IngestionClient } from '../../../src/import/client';
import { kindSpec, mutationDocument } from '../../../src/import/kinds';
import { ROOT } from '../../helpers/paths';

const EXAMPLES = path.resolve(ROOT, 'examples', 'csv');
/** The sample files in the order they must be imported (facts name customers, customers name campaigns and partners). */
const SAMPLE_ORDER = ['tiers', 'campaigns', 'partners', 'customers', 'revenue', 'costs', 'invoices', 'surveys', 'events', 'orders', 'refunds'];

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
    // Eight orders (one of 0), two of initech in January; four refunds, one of them all of ord-1003, two of ord-1004.
    const [orders] = await server.dataSource.query(`SELECT count(*)::int AS n, sum(amount)::text AS total FROM "order" WHERE workspace_id = $1`, [id]);
    expect(orders).toEqual({ n: 8, total: '10735.50' });
    const [stark] = await server.dataSource.query(
      `SELECT to_char(ordered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS at FROM "order" WHERE workspace_id = $1 AND external_id = 'ord-1006'`,
      [id],
    );
    expect(stark).toEqual({ at: '2025-03-10 22:15' });
    const refunds = await server.dataSource.query(
      `SELECT o.external_id AS order, sum(r.amount)::text AS refunded FROM refund r JOIN "order" o ON o.id = r.order_id
        WHERE r.workspace_id = $1 GROUP BY o.external_id ORDER BY o.external_id`,
      [id],
    );
    expect(refunds).toEqual([
      { order: 'ord-1003', refunded: '480.50' },
      { order: 'ord-1004', refunded: '350.00' },
      { order: 'ord-1006', refunded: '75.00' },
    ]);

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

  it('names a refund that would take its order over its amount by its CSV line; its batch writes nothing', async () => {
    const { id, adminKey } = await server.workspace();
    await run({ key: adminKey, kind: 'customers', file: csvFile('customers.csv', [CUSTOMER_HEADER, customerLine('c1')]) });
    const orders = csvFile('orders.csv', ['externalId,customer,orderedAt,amount', 'o1,c1,2025-03-01T10:00:00Z,100']);
    expect((await run({ key: adminKey, kind: 'orders', file: orders })).inserted).toBe(1);
    const refunds = csvFile('refunds.csv', [
      'externalId,order,refundedAt,amount',
      'r1,o1,2025-03-02T10:00:00Z,70', // line 2
      'r2,o1,2025-03-03T10:00:00Z,30.01', // line 3: 100.01 in all
    ]);
    const report = await run({ key: adminKey, kind: 'refunds', file: refunds });
    expect(report.problems).toEqual([
      { line: 3, endLine: 3, field: 'amount', reason: 'INVALID', message: 'the refunds of order "o1" would add up to 100.01, more than its amount 100.00' },
    ]);
    expect(report).toMatchObject({ rows: 2, rejectedBatches: 1, inserted: 0 });
    expect(await countRows(server, 'refund', id)).toBe(0);
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
