import { startTestServer, type TestServer } from '../../helpers/test-server';
import { buildKpiAggregatesStep, finishKpiAggregateBuild, reconciledStep, runKpiAggregateBuildStep } from '../../../src/modules/kpi/aggregates/kpi-aggregates';
import { addMonths } from '../../../src/demo/generator/dataset';
import { kpiAggregateTuning } from '../../../src/modules/kpi/aggregates/tuning';
import { RECORD_COSTS, RECORD_EVENTS, RECORD_INVOICES, RECORD_ORDERS, RECORD_REFUNDS, RECORD_REVENUE, RECORD_SURVEYS, UPSERT_CAMPAIGNS, UPSERT_CUSTOMERS, UPSERT_PARTNERS, customerRow, ingest } from '../../helpers/facts';

/**
 * The KPI aggregates against the facts, cell by cell: two apps on one database, one reading the aggregates (the default) and
 * one reading the facts only (KPI_AGGREGATES off), answer the same KPI queries after every step of a random sequence of writes,
 * deletions, dimension changes, an erasure, new months and settings changes, all through the API. Every KPI of the catalogue,
 * grouped by tier, by channel and partner, by campaign with a segment filter, and ungrouped, by month, quarter and year.
 */

/** A small seeded generator (mulberry32): the same sequence on every run. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]) => list[int(list.length)];
  return { next, int, pick };
}

const TIERS = ['strategic', 'enterprise', 'growth', 'scale'] as const;
const SEGMENTS = ['ENTERPRISE', 'MID_MARKET', 'SMB'] as const;
const REGIONS = ['EMEA', 'AMER', null] as const;
const CAMPAIGNS = ['spring', 'autumn'] as const;
const PARTNERS = ['p1', 'p2'] as const;
const MONTHS = Array.from({ length: 18 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`);

const SERIES = `query($m: [KpiKey!]!, $p: PeriodInput!, $g: [Dimension!], $f: SegmentFilter) {
  kpis(metrics: $m, period: $p, groupBy: $g, filter: $f) {
    kpi group { tier segment region channel partner campaign } points { periodStart periodEnd value complete dataThrough } } }`;

const QUERIES = [
  { p: { grain: 'QUARTER', from: '2024-01-01', to: '2025-12-01' }, g: ['TIER'] },
  { p: { grain: 'MONTH', from: '2024-01-01', to: '2025-09-01' }, g: ['CHANNEL', 'PARTNER'] },
  { p: { grain: 'YEAR', from: '2024-01-01', to: '2025-01-01' }, g: ['CAMPAIGN'], f: { segment: ['SMB', 'ENTERPRISE'] } },
  { p: { grain: 'QUARTER', from: '2024-01-01', to: '2025-12-01' }, g: [] },
  { p: { grain: 'MONTH', from: '2024-01-01', to: '2025-09-01' }, g: ['REGION'], f: { tier: ['growth', 'scale'] } },
];

describe('KPI aggregates', () => {
  let withAggregates: TestServer;
  let fromFacts: TestServer;
  let ws: { id: string; adminKey: string };
  let kpiKeys: string[];

  // Every workspace keeps its customers' shares of the latest periods here, so that the sequence checks them (the default keeps
  // them from 100,000 customers on; the other KPI tests run without them).
  const sharesMinCustomers = kpiAggregateTuning.sharesMinCustomers;
  beforeAll(async () => {
    kpiAggregateTuning.sharesMinCustomers = 0;
    withAggregates = await startTestServer();
    fromFacts = await startTestServer({ kpiAggregates: false });
    ws = await withAggregates.workspace();
    const catalog = await withAggregates.gql<{ kpiCatalog: { key: string }[] }>(`{ kpiCatalog { key } }`, {}, ws.adminKey);
    kpiKeys = catalog.data!.kpiCatalog.map((k) => k.key);
  }, 120_000);
  afterAll(async () => {
    kpiAggregateTuning.sharesMinCustomers = sharesMinCustomers;
    await withAggregates?.close();
    await fromFacts?.close();
  });

  const answer = async (server: TestServer, q: (typeof QUERIES)[number]) => {
    const res = await server.gql(SERIES, { m: kpiKeys, p: q.p, g: q.g, f: q.f ?? null }, ws.adminKey);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.kpis as unknown[];
  };
  const state = async () => {
    const [row] = await withAggregates.dataSource.query(
      `SELECT s.facts_version = w.facts_version AS current, to_char(s.horizon, 'YYYY-MM-DD') AS horizon, s.building,
              to_char(s.contributions_through, 'YYYY-MM-DD') AS "sharesKept",
              (SELECT count(*)::int FROM kpi_aggregate a WHERE a.workspace_id = w.id) AS rows
         FROM workspace w JOIN kpi_aggregate_state s ON s.workspace_id = w.id WHERE w.id = $1`,
      [ws.id],
    );
    return row as { current: boolean; horizon: string | null; building: boolean; sharesKept: string | null; rows: number };
  };
  /** The steps after which the customers' shares of the horizon's periods were kept (and checked). */
  const sharesChecked: string[] = [];
  /**
   * When the customers' shares of the periods ending at the horizon are kept: per period and combination, and per measure and
   * row count, they add up to the aggregate row (what a write subtracts as kept is what computing it would subtract).
   */
  const checkShares = async (step: string) => {
    const now = await state();
    if (now.sharesKept === null || now.sharesKept !== now.horizon) return;
    const columns: string[] = (
      await withAggregates.dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'kpi_aggregate'
           AND data_type IN ('numeric', 'bigint') ORDER BY column_name`,
      )
    ).map((r: { column_name: string }) => r.column_name);
    const differing = await withAggregates.dataSource.query(
      `WITH k AS (SELECT period_start, period_end, combination, ${columns.map((c) => `sum("${c}") AS "${c}"`).join(', ')}
                    FROM kpi_customer_contribution WHERE workspace_id = $1 GROUP BY 1, 2, 3),
            a AS (SELECT * FROM kpi_aggregate WHERE workspace_id = $1 AND period_end = $2::date)
       SELECT period_start, period_end, combination FROM k FULL JOIN a USING (period_start, period_end, combination)
        WHERE k.period_end IS DISTINCT FROM $2::date
           OR (${columns.map((c) => `coalesce(k."${c}", 0)`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `coalesce(a."${c}", 0)`).join(', ')})`,
      [ws.id, now.horizon],
    );
    // No share is kept that counts no row (a customer that left a combination, or was erased).
    const counts = columns.filter((c) => /^rows_[a-z]+$/.test(c));
    const [{ empty }] = await withAggregates.dataSource.query(
      `SELECT count(*)::int AS empty FROM kpi_customer_contribution WHERE workspace_id = $1 AND ${counts.map((c) => `"${c}"`).join(' + ')} = 0`,
      [ws.id],
    );
    expect({ step, differing, empty }).toEqual({ step, differing: [], empty: 0 });
    sharesChecked.push(step);
  };
  /** Every query, both ways; the aggregates must be current (so that the first app really reads them). */
  const compare = async (step: string) => {
    expect({ step, current: (await state()).current }).toEqual({ step, current: true });
    await checkShares(step);
    for (const q of QUERIES) {
      const [a, b] = await Promise.all([answer(withAggregates, q), answer(fromFacts, q)]);
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        // Name the first cell that differs, for a readable failure.
        expect({ step, query: q, answer: a }).toEqual({ step, query: q, answer: b });
      }
    }
  };

  it('answers every KPI exactly as the facts do after a random sequence of writes, in both business models', async () => {
    const rnd = random(20261202);
    const gql = async (document: string, variables: Record<string, unknown>) => {
      const res = await withAggregates.gql(document, variables, ws.adminKey);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!;
    };
    await ingest(withAggregates, ws.adminKey, UPSERT_CAMPAIGNS, CAMPAIGNS.map((c) => ({ externalId: c, name: c })));
    await ingest(withAggregates, ws.adminKey, UPSERT_PARTNERS, PARTNERS.map((p) => ({ externalId: p, name: p })));
    const customers = Array.from({ length: 24 }, (_, i) => `c${i}`);
    const customerOf = () => {
      const partner = rnd.next() < 0.3 ? rnd.pick(PARTNERS) : null;
      return {
        tier: rnd.pick(TIERS),
        segment: rnd.pick(SEGMENTS),
        region: rnd.pick(REGIONS),
        channel: partner ? 'PARTNER' : 'DIRECT',
        partner,
        acquisitionCampaign: rnd.next() < 0.5 ? rnd.pick(CAMPAIGNS) : null,
      };
    };
    await ingest(withAggregates, ws.adminKey, UPSERT_CUSTOMERS, customers.map((c) => customerRow(c, customerOf())));
    await compare('no facts yet');

    let serial = 0;
    const id = (prefix: string) => `${prefix}-${++serial}`;
    const live = new Set(customers);
    const someCustomers = (n: number) => [...live].sort(() => rnd.next() - 0.5).slice(0, n);
    const upTo = { month: 6 }; // months written so far: the horizon moves as revenue of later months arrives
    const month = () => MONTHS[rnd.int(upTo.month)];
    const time = () => `${month().slice(0, 8)}${String(1 + rnd.int(27)).padStart(2, '0')}T${String(rnd.int(24)).padStart(2, '0')}:30:00Z`;
    const lastRevenue: { customer: string; month: string; type: string; amount: number }[] = [];
    const written = { costs: [] as string[], invoices: [] as string[], revenue: [] as { customer: string; month: string; type: string }[], orders: [] as string[] };

    const steps: Record<string, () => Promise<void>> = {
      revenue: async () => {
        const rows = someCustomers(8).flatMap((customer) =>
          Array.from({ length: 1 + rnd.int(3) }, () => ({
            customer,
            month: month(),
            type: rnd.pick(['RECURRING', 'RECURRING', 'SERVICES', 'ONE_TIME']),
            amount: rnd.pick([0, 50, 100, 120.5, 300, 1000]),
          })),
        );
        const unique = [...new Map(rows.map((r) => [`${r.customer} ${r.month} ${r.type}`, r])).values()];
        written.revenue.push(...unique);
        lastRevenue.splice(0, lastRevenue.length, ...unique);
        await ingest(withAggregates, ws.adminKey, RECORD_REVENUE, unique);
      },
      // The last revenue batch again, half of it unchanged (those rows touch no customer), half with new amounts.
      resend: async () => {
        const rows = lastRevenue.map((r, i) => (i % 2 === 0 ? r : { ...r, amount: r.amount + 7 }));
        lastRevenue.splice(0, lastRevenue.length, ...rows);
        if (rows.length) await ingest(withAggregates, ws.adminKey, RECORD_REVENUE, rows);
      },
      // The latest month: the most common write, whose customers' old shares are read as kept.
      latest: async () => {
        const m = MONTHS[upTo.month - 1];
        const rows = someCustomers(8).map((customer) => ({ customer, month: m, type: rnd.pick(['RECURRING', 'SERVICES']), amount: rnd.pick([0, 60, 100, 140]) }));
        written.revenue.push(...rows);
        await ingest(withAggregates, ws.adminKey, RECORD_REVENUE, rows);
      },
      newMonth: async () => {
        if (upTo.month >= MONTHS.length) return;
        upTo.month += 1;
        const m = MONTHS[upTo.month - 1];
        const rows = someCustomers(10).map((customer) => ({ customer, month: m, type: 'RECURRING', amount: rnd.pick([80, 100, 150]) }));
        written.revenue.push(...rows);
        await ingest(withAggregates, ws.adminKey, RECORD_REVENUE, rows);
      },
      costs: async () => {
        const rows = Array.from({ length: 6 }, () => {
          const externalId = id('cost');
          written.costs.push(externalId);
          return {
            externalId,
            category: rnd.pick(['ACQUISITION', 'RETENTION', 'SERVICING', 'COGS']),
            month: month(),
            amount: rnd.pick([10, 25.5, 400]),
            customer: rnd.next() < 0.6 ? rnd.pick([...live]) : null,
            campaign: rnd.next() < 0.4 ? rnd.pick(CAMPAIGNS) : null,
          };
        });
        await ingest(withAggregates, ws.adminKey, RECORD_COSTS, rows);
      },
      invoices: async () => {
        const rows = someCustomers(4).map((customer) => {
          const issuedOn = month().replace(/01$/, String(1 + rnd.int(20)).padStart(2, '0'));
          const externalId = rnd.next() < 0.3 && written.invoices.length ? rnd.pick(written.invoices) : id('inv');
          written.invoices.push(externalId);
          const paid = rnd.next() < 0.6;
          return { externalId, customer, issuedOn, dueOn: issuedOn, paidOn: paid ? issuedOn.replace(/-\d\d$/, '-28') : null, amount: rnd.pick([99, 250]) };
        });
        await ingest(withAggregates, ws.adminKey, RECORD_INVOICES, [...new Map(rows.map((r) => [r.externalId, r])).values()]);
      },
      surveys: async () => {
        const rows = someCustomers(5).map((customer) => {
          const kind = rnd.pick(['CSAT', 'NPS']);
          return { externalId: id('sv'), customer, kind, score: kind === 'CSAT' ? 1 + rnd.int(5) : rnd.int(11), respondedAt: time() };
        });
        await ingest(withAggregates, ws.adminKey, RECORD_SURVEYS, rows);
      },
      events: async () => {
        const rows = someCustomers(6).map((customer) => ({
          externalId: id('ev'),
          customer,
          type: rnd.pick(['SUPPORT_TICKET', 'REFERENCE_CALL', 'CONTENT_DOWNLOAD', 'CONTENT_SHARE', 'EMAIL_OPEN', 'FIRST_VALUE']),
          occurredAt: time(),
        }));
        await ingest(withAggregates, ws.adminKey, RECORD_EVENTS, rows);
      },
      deleteSome: async () => {
        const costs = written.costs.splice(0, 2);
        if (costs.length) await gql(`mutation($ids: [String!]!) { deleteFacts(kind: COST, externalIds: $ids) { deleted } }`, { ids: costs });
        const keys = written.revenue.splice(rnd.int(Math.max(1, written.revenue.length - 3)), 3).filter((k) => live.has(k.customer));
        if (keys.length) {
          await gql(`mutation($keys: [RevenueKeyInput!]!) { deleteRevenue(keys: $keys) { deleted } }`, {
            keys: keys.map(({ customer, month, type }) => ({ customer, month, type })),
          });
        }
      },
      moveCustomers: async () => {
        await ingest(withAggregates, ws.adminKey, UPSERT_CUSTOMERS, someCustomers(4).map((c) => customerRow(c, customerOf())));
      },
    };
    const names = Object.keys(steps);
    for (let i = 0; i < 26; i++) {
      const name = i < 3 ? 'revenue' : i === 3 ? 'resend' : i === 4 ? 'newMonth' : i === 5 ? 'latest' : rnd.pick(names);
      await steps[name]();
      await compare(`${i}: ${name}`);
    }

    // A large workspace leaves a new month to the background build: the write only writes (the aggregates become `building`,
    // the horizon stays), the KPIs stay exact meanwhile (the new month's periods from the facts, writes of months built and of
    // the new one kept), and the build catches up, keeping the shares of the new month.
    const backgroundMonthMinCustomers = kpiAggregateTuning.backgroundMonthMinCustomers;
    kpiAggregateTuning.backgroundMonthMinCustomers = 1;
    try {
      const before = await state();
      expect(before).toMatchObject({ building: false });
      expect(upTo.month).toBeLessThan(MONTHS.length);
      // One batch with rows of the horizon's month (their shares kept) and of the new month.
      upTo.month += 1;
      await ingest(withAggregates, ws.adminKey, RECORD_REVENUE, [
        ...someCustomers(5).map((customer) => ({ customer, month: before.horizon!, type: 'RECURRING', amount: rnd.pick([70, 110, 0]) })),
        ...someCustomers(10).map((customer) => ({ customer, month: MONTHS[upTo.month - 1], type: 'RECURRING', amount: rnd.pick([80, 100, 150]) })),
      ].filter((r, i, all) => all.findIndex((o) => o.customer === r.customer && o.month === r.month) === i));
      expect(await state()).toMatchObject({ building: true, horizon: before.horizon, sharesKept: before.horizon });
      await compare('a new month left to the build, with rows of the latest month');
      // The horizon's month again: its customers' shares are read as kept.
      await ingest(withAggregates, ws.adminKey, RECORD_REVENUE, someCustomers(8).map((customer) => ({ customer, month: before.horizon!, type: 'RECURRING', amount: rnd.pick([60, 90]) })));
      await compare('the latest month while the new month is built');
      expect(sharesChecked).toContain('the latest month while the new month is built');
      await compare('a new month left to the build');
      await steps.latest();
      await steps.revenue();
      await steps.moveCustomers();
      await compare('writes while the new month is built');
      expect(await state()).toMatchObject({ building: true, horizon: before.horizon });
      const built = await finishKpiAggregateBuild(withAggregates.dataSource, ws.id);
      expect(built).toMatchObject({ building: false, horizon: MONTHS[upTo.month - 1] });
      await compare('the new month built in the background');
      expect(sharesChecked).toContain('the new month built in the background');
    } finally {
      kpiAggregateTuning.backgroundMonthMinCustomers = backgroundMonthMinCustomers;
    }

    // An erasure takes a customer out of every period.
    const gone = [...live][0];
    const [{ id: goneId }] = await withAggregates.dataSource.query(`SELECT id FROM customer WHERE workspace_id = $1 AND external_id = $2`, [ws.id, gone]);
    await gql(`mutation($id: ID!) { deleteCustomer(id: $id) { id } }`, { id: goneId });
    live.delete(gone);
    await compare('erasure');

    // Another fiscal year: the quarters and years move; the aggregates are emptied with the change and built again a month at a
    // time, the KPIs read from the facts meanwhile (and from the months built, once some are).
    await gql(`mutation { updateWorkspace(input: { fiscalYearStartMonth: 4 }) { id } }`, {});
    expect(await state()).toMatchObject({ building: true, horizon: null, rows: 0 });
    await compare('fiscal year from April, nothing built yet');
    const buildStep = () => withAggregates.dataSource.transaction((em) => buildKpiAggregatesStep(em, ws.id));
    for (let i = 0; i < 3; i++) await buildStep();
    const partly = await state();
    expect(partly.building).toBe(true);
    expect(partly.horizon).not.toBeNull();
    await compare(`fiscal year from April, built through ${partly.horizon}`);
    // Writes between the steps: revenue of months built and not built, a month that opens, a customer moved.
    await steps.revenue();
    await compare('revenue while being built');
    await steps.newMonth();
    await steps.moveCustomers();
    await compare('a new month and customers moved while being built');
    expect((await state()).horizon).toBe(partly.horizon);
    await buildStep();
    await steps.revenue();
    await compare('revenue after one more step');
    const built = await finishKpiAggregateBuild(withAggregates.dataSource, ws.id);
    expect(built).toMatchObject({ building: false, horizon: MONTHS[upTo.month - 1] });
    expect(await state()).toMatchObject({ building: false, horizon: MONTHS[upTo.month - 1] });
    await compare('fiscal year from April, built');

    // The transactional model: the monthly value becomes the run rate; orders and refunds join the revenue.
    await gql(`mutation { updateWorkspace(input: { businessModel: TRANSACTIONAL, activityWindowMonths: 3 }) { id } }`, {});
    await compare('transactional, window of 3, not built yet');
    await finishKpiAggregateBuild(withAggregates.dataSource, ws.id);
    await compare('transactional, window of 3');
    for (let i = 0; i < 6; i++) {
      const orders = someCustomers(6).map((customer) => {
        const externalId = id('ord');
        written.orders.push(externalId);
        return { externalId, customer, orderedAt: time(), amount: rnd.pick([20, 45.9, 120]) };
      });
      await ingest(withAggregates, ws.adminKey, RECORD_ORDERS, orders);
      await compare(`orders ${i}`);
      const refunded = orders.slice(0, 2).map((o) => ({
        externalId: id('rf'),
        order: o.externalId,
        refundedAt: new Date(Date.parse(o.orderedAt) + 86_400_000 * (1 + rnd.int(40))).toISOString(),
        amount: 10,
      }));
      await ingest(withAggregates, ws.adminKey, RECORD_REFUNDS, refunded);
      await compare(`refunds ${i}`);
      if (i % 2 === 1) {
        // An order moves to another customer, taking its refunds with it; another is deleted with its refunds.
        const moved = { externalId: orders[0].externalId, customer: rnd.pick([...live]), orderedAt: orders[0].orderedAt, amount: orders[0].amount };
        await ingest(withAggregates, ws.adminKey, RECORD_ORDERS, [moved]);
        await compare(`order moved ${i}`);
        await gql(`mutation($ids: [String!]!) { deleteFacts(kind: ORDER, externalIds: $ids) { deleted } }`, { ids: [orders[1].externalId] });
        await compare(`order deleted ${i}`);
      }
      if (i === 2) {
        await steps.moveCustomers();
        await compare('customers moved, transactional');
      }
    }
    const final = await state();
    expect(final.rows).toBeGreaterThan(0);
    expect(final.horizon).not.toBeNull();
    // The shares were kept, and checked, in both models (after months opened, after the builds).
    expect(sharesChecked).toContain('5: latest');
    expect(sharesChecked).toContain('fiscal year from April, built');
    expect(sharesChecked.filter((step) => step.startsWith('orders ')).length).toBeGreaterThan(0);
  }, 600_000);

  it('builds them in the background after a settings change, a month at a time, beside the writes, and reads them once built', async () => {
    const res = await withAggregates.gql(`mutation { updateWorkspace(input: { fiscalYearStartMonth: 7 }) { fiscalYearStartMonth } }`, {}, ws.adminKey);
    expect(res.errors).toBeUndefined();
    expect(await state()).toMatchObject({ building: true, horizon: null });
    const revenue = (amount: number) => [{ customer: 'c2', month: '2024-03-01', type: 'SERVICES', amount }];

    // A step computed from a snapshot that a write has since changed is not recorded: it fails with a serialization failure
    // (and is computed again), so the write is never lost.
    const stale = withAggregates.dataSource.createQueryRunner();
    await stale.connect();
    try {
      await stale.startTransaction('REPEATABLE READ');
      await stale.query('SELECT 1');
      expect((await withAggregates.gql(RECORD_REVENUE, { rows: revenue(501) }, ws.adminKey)).errors).toBeUndefined();
      await expect(buildKpiAggregatesStep(stale.manager, ws.id, { mode: 'optimistic' })).rejects.toMatchObject({ driverError: { code: '40001' } });
      await stale.rollbackTransaction();
    } finally {
      await stale.release();
    }
    expect(await state()).toMatchObject({ building: true, horizon: null });
    // While another transaction (another instance's builder) computes a step of the workspace, a step does nothing.
    const other = withAggregates.dataSource.createQueryRunner();
    try {
      await other.startTransaction();
      await other.query(`SELECT pg_advisory_xact_lock(7414, hashtext($1::text))`, [ws.id]);
      expect(await runKpiAggregateBuildStep(withAggregates.dataSource, ws.id, 0)).toBeNull();
      expect(await state()).toMatchObject({ building: true, horizon: null });
      await other.rollbackTransaction();
    } finally {
      await other.release();
    }
    const first = await runKpiAggregateBuildStep(withAggregates.dataSource, ws.id, 0);
    expect(first).toMatchObject({ building: true });
    expect(first?.periods).toBeGreaterThan(0);
    await compare('one month built beside the writes');

    // The server's builder carries the build on while batches keep arriving.
    const builder = await startTestServer({ aggregateBuilder: { intervalMs: 20 } });
    try {
      const started = Date.now();
      let now = await state();
      for (let i = 0; now.building && Date.now() - started < 60_000; i++) {
        if (i < 12) expect((await builder.gql(RECORD_REVENUE, { rows: revenue(600 + i) }, ws.adminKey)).errors).toBeUndefined();
        else await new Promise((resolve) => setTimeout(resolve, 50));
        now = await state();
      }
      expect(now).toMatchObject({ current: true, building: false });
      expect(now.rows).toBeGreaterThan(0);
      await compare('fiscal year from July, built in the background beside the writes');
      // Its metrics: the steps it ran, by how each was recorded, timed; and no build under way once a round has looked again.
      const values = async (name: string) => ((await builder.app.registry.getSingleMetric(name)?.get())?.values ?? []) as { labels: Record<string, string | number>; value: number; metricName?: string }[];
      const steps = await values('journeygraph_kpi_aggregate_build_steps_total');
      const byOutcome = Object.fromEntries(steps.map((v) => [v.labels.outcome, v.value]));
      const recorded = (byOutcome.optimistic ?? 0) + (byOutcome.reconciled ?? 0) + (byOutcome.held ?? 0);
      expect(recorded).toBeGreaterThan(0);
      expect(byOutcome.failed ?? 0).toBe(0);
      const timed = (await values('journeygraph_kpi_aggregate_build_step_seconds')).filter((v) => v.metricName?.endsWith('_count'));
      expect(timed.reduce((n, v) => n + v.value, 0)).toBe(steps.reduce((n, v) => n + v.value, 0));
      // The gauge counts the builds of every workspace in the database (other test files build theirs beside this one): it
      // agrees with the database once a round has looked.
      let seen = { gauge: -1, database: -2 };
      for (const started = Date.now(); Date.now() - started < 10_000; await new Promise((resolve) => setTimeout(resolve, 50))) {
        const gauge = (await values('journeygraph_kpi_aggregate_builds'))[0]?.value ?? -1;
        const [{ n }] = await withAggregates.dataSource.query(`SELECT count(*)::int AS n FROM kpi_aggregate_state WHERE building`);
        seen = { gauge, database: n };
        if (gauge === n) break;
      }
      expect(seen.gauge).toBe(seen.database);
    } finally {
      await builder.close();
    }
  }, 120_000);

  it('records a month computed while writes went on, without holding them: the customers written since its snapshot computed again', async () => {
    const res = await withAggregates.gql(`mutation { updateWorkspace(input: { fiscalYearStartMonth: 10 }) { fiscalYearStartMonth } }`, {}, ws.adminKey);
    expect(res.errors).toBeUndefined();
    const customers: string[] = (
      await withAggregates.dataSource.query(`SELECT external_id FROM customer WHERE workspace_id = $1 ORDER BY external_id`, [ws.id])
    ).map((r: { external_id: string }) => r.external_id);
    const pending = async () =>
      (await withAggregates.dataSource.query(`SELECT count(*)::int AS n FROM kpi_aggregate_pending WHERE workspace_id = $1`, [ws.id]))[0].n as number;
    // The last month with revenue: the writes below stay within it (a later one would move the end of the build on).
    const [{ last }] = await withAggregates.dataSource.query(`SELECT to_char(max(month), 'YYYY-MM-DD') AS last FROM revenue WHERE workspace_id = $1`, [ws.id]);
    let k = 0;
    /** Writes of every kind a step must reconcile, made after its snapshot: revenue of the month it computes and of the next,
     * a customer moved to another tier, segment and campaign, and a cost naming no customer. */
    const writesDuring = async (month: string) => {
      k += 1;
      const who = (i: number) => customers[(k * 3 + i) % customers.length];
      await ingest(withAggregates, ws.adminKey, RECORD_REVENUE, [
        { customer: who(0), month, type: 'RECURRING', amount: 100 + k },
        { customer: who(1), month: month < last ? addMonths(month, 1) : month, type: 'SERVICES', amount: 40 + k },
      ]);
      await ingest(withAggregates, ws.adminKey, UPSERT_CUSTOMERS, [
        customerRow(who(2), { tier: TIERS[k % TIERS.length], segment: SEGMENTS[k % SEGMENTS.length], acquisitionCampaign: CAMPAIGNS[k % 2] }),
      ]);
      await ingest(withAggregates, ws.adminKey, RECORD_COSTS, [
        { externalId: `during-${k}`, category: 'ACQUISITION', month, amount: 25 + k, customer: null, campaign: CAMPAIGNS[k % 2] },
      ]);
    };

    // The first step computes the first month; a write of an earlier month meanwhile makes that month no longer the first: the
    // step records nothing (and leaves nothing behind), and the next one computes the new first month.
    const first = await reconciledStep(withAggregates.dataSource, ws.id, 0, {
      afterSnapshot: () => ingest(withAggregates, ws.adminKey, RECORD_REVENUE, [{ customer: customers[0], month: '2023-12-01', type: 'RECURRING', amount: 70 }]).then(() => undefined),
    });
    expect(first).toEqual({ building: true, horizon: null, periods: 0, how: 'abandoned' });
    expect(await state()).toMatchObject({ building: true, horizon: null, rows: 0 });

    // Every step with writes made while it computed its month, which it reconciles; the writes go through at once.
    let steps = 0;
    for (let now = await state(); now.building && steps < 40; now = await state()) {
      const month = now.horizon === null ? '2023-12-01' : addMonths(now.horizon, 1);
      const step = await reconciledStep(withAggregates.dataSource, ws.id, 0, { afterSnapshot: () => writesDuring(month) });
      steps += 1;
      expect(step).toMatchObject({ horizon: month, how: 'reconciled' });
      expect(step?.periods).toBeGreaterThan(0);
      expect(await pending()).toBe(0);
      if (steps === 1) await compare('the first month computed from a snapshot, reconciled with the writes made since');
    }
    const built = await state();
    expect(built).toMatchObject({ current: true, building: false });
    expect(built.sharesKept).toBe(built.horizon);
    // A step per month, from December 2023 (the month written during the first, abandoned step) to the last.
    expect(addMonths('2023-12-01', steps - 1)).toBe(built.horizon);
    // Nothing of a month after the horizon, and the shares of the horizon's periods only.
    const [{ after, otherShares }] = await withAggregates.dataSource.query(
      `SELECT (SELECT count(*)::int FROM kpi_aggregate WHERE workspace_id = $1 AND period_end > $2::date) AS after,
              (SELECT count(*)::int FROM kpi_customer_contribution WHERE workspace_id = $1 AND period_end <> $2::date) AS "otherShares"`,
      [ws.id, built.horizon],
    );
    expect({ after, otherShares }).toEqual({ after: 0, otherShares: 0 });
    await compare('fiscal year from October, every month reconciled with writes made while it was computed');
  }, 180_000);

  it('refuses a write that waits too long for its workspace (held by another write or a build step) with RATE_LIMITED, writing nothing', async () => {
    // A statement limit of 4.5 s: a write waits 3 s (two thirds of it) for the workspace's aggregates, and its own statements
    // have time enough on a loaded machine.
    const impatient = await startTestServer({ statementTimeoutMs: 4_500 });
    const holder = impatient.dataSource.createQueryRunner();
    try {
      const rows = [{ customer: 'c1', month: '2024-02-01', type: 'ONE_TIME', amount: 77.77 }];
      await holder.connect();
      await holder.startTransaction();
      await holder.query(`SELECT pg_advisory_xact_lock(7413, hashtext($1::text))`, [ws.id]);
      const started = Date.now();
      const refused = await impatient.gql(RECORD_REVENUE, { rows }, ws.adminKey);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'workspaceWrites', retryAfter: 5 });
      expect(refused.errors?.[0].message).toMatch(/Nothing was written; send the batch again/);
      const stored = async () =>
        (await impatient.dataSource.query(`SELECT amount::text FROM revenue r JOIN customer c ON c.workspace_id = r.workspace_id AND c.id = r.customer_id
           WHERE r.workspace_id = $1 AND c.external_id = 'c1' AND r.month = '2024-02-01' AND r.type = 'ONE_TIME'`, [ws.id])).map((r: { amount: string }) => r.amount);
      expect(await stored()).not.toContain('77.77');
      await holder.commitTransaction();
      const accepted = await impatient.gql(RECORD_REVENUE, { rows }, ws.adminKey);
      expect(accepted.errors).toBeUndefined();
      expect(await stored()).toEqual(['77.77']);
      await compare('a write after a refused one');
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
      await impatient.close();
    }
  }, 60_000);

  it('reads the aggregates: a number changed in them (and nowhere else) shows in the answer, until a write through SQL makes them not current', async () => {
    const q = { p: { grain: 'QUARTER', from: '2024-01-01', to: '2024-12-01' }, g: [] };
    const mrrOf = async (server: TestServer) =>
      ((await server.gql(SERIES, { m: ['MRR'], p: q.p, g: [], f: null }, ws.adminKey)).data!.kpis as { points: { value: number }[] }[])[0].points[0].value;
    const before = await mrrOf(fromFacts);
    expect(await mrrOf(withAggregates)).toBe(before);
    // 1,000 more MRR in one of the first quarter's aggregate rows that count customers of the MRR source (a row without any
    // would not make a group); the data version moves so that no cached answer is served.
    await withAggregates.dataSource.query(
      `UPDATE kpi_aggregate SET mrr = mrr + 1000 WHERE workspace_id = $1 AND period_start = '2024-01-01' AND period_end = '2024-03-01'
         AND combination = (SELECT combination FROM kpi_aggregate WHERE workspace_id = $1 AND period_start = '2024-01-01' AND period_end = '2024-03-01'
                              AND rows_mrr > 0 ORDER BY rows_mrr DESC, combination LIMIT 1)`,
      [ws.id],
    );
    await withAggregates.dataSource.query(`UPDATE workspace SET data_version = data_version + 1 WHERE id = $1`, [ws.id]);
    expect(await mrrOf(withAggregates)).toBeCloseTo(before + 1000, 6);

    // While the aggregates hold only the months through March (a later month being built), one statement reads the quarter they
    // hold from them and the later ones from the facts: the number changed in the first quarter shows, one changed in the
    // second quarter's rows does not, until the aggregates hold that quarter again.
    const seriesOf = async (server: TestServer) =>
      ((await server.gql(SERIES, { m: ['MRR'], p: q.p, g: [], f: null }, ws.adminKey)).data!.kpis as { points: { value: number }[] }[])[0].points.map((p) => p.value);
    const facts = await seriesOf(fromFacts);
    expect(facts).toHaveLength(4);
    await withAggregates.dataSource.query(
      `UPDATE kpi_aggregate SET mrr = mrr + 1000 WHERE workspace_id = $1 AND period_start = '2024-04-01' AND period_end = '2024-06-01'
         AND combination = (SELECT combination FROM kpi_aggregate WHERE workspace_id = $1 AND period_start = '2024-04-01' AND period_end = '2024-06-01'
                              AND rows_mrr > 0 ORDER BY rows_mrr DESC, combination LIMIT 1)`,
      [ws.id],
    );
    const [{ horizon }] = await withAggregates.dataSource.query(`SELECT to_char(horizon, 'YYYY-MM-DD') AS horizon FROM kpi_aggregate_state WHERE workspace_id = $1`, [ws.id]);
    expect(horizon >= '2024-06-01').toBe(true);
    const horizonAt = async (month: string) => {
      await withAggregates.dataSource.query(`UPDATE kpi_aggregate_state SET horizon = $2 WHERE workspace_id = $1`, [ws.id, month]);
      await withAggregates.dataSource.query(`UPDATE workspace SET data_version = data_version + 1 WHERE id = $1`, [ws.id]);
    };
    await horizonAt('2024-03-01');
    const mixed = await seriesOf(withAggregates);
    expect(mixed[0]).toBeCloseTo(facts[0] + 1000, 6);
    expect(mixed.slice(1)).toEqual(facts.slice(1));
    await horizonAt(horizon);
    const all = await seriesOf(withAggregates);
    expect(all[0]).toBeCloseTo(facts[0] + 1000, 6);
    expect(all[1]).toBeCloseTo(facts[1] + 1000, 6);

    // A write that goes around the API bumps the facts version: the aggregates are no longer read.
    await withAggregates.dataSource.query(`UPDATE customer SET name = name || ' ' WHERE workspace_id = $1`, [ws.id]);
    expect(await mrrOf(withAggregates)).toBe(before);
    expect((await state()).current).toBe(false);
  }, 120_000);
});


