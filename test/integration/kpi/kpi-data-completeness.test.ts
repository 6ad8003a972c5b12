import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';
import { KpiFixtures } from '../../helpers/kpi-fixtures';
import { approvedTargets, must } from '../../helpers/metrics';

/**
 * Data completeness: the watermark `dataCompleteThrough`, facts after it left out, periods in progress computed to date, later
 * periods without values, and the statuses INCOMPLETE and NO_VALUE. Every number below is computed by hand from this dataset
 * (2026 unless noted; RECURRING revenue, no row = 0):
 *
 *            Jan  Feb  Mar  Apr  May  Jun
 *   ann      100  100  100  120  120    -     strategic; ONE_TIME 500 in May 2025 and 1000 in June 2025
 *   ben      200  200  200  200    -    -     growth; churns in May
 *   cid        -    -    -   50   50    -     growth; new in April, SERVICES 30 in May
 *
 * Costs: ACQUISITION 300 in April (no customer), COGS 40 in May (ann); and after the last revenue month, ACQUISITION 999 and
 * SERVICING 500 in June. Invoices: ann 120 issued 10 April, paid 20 April; cid 50 issued 5 May, unpaid; ann 120 issued 3 June.
 * SUPPORT_TICKET events of ann on 10 May and 2 June; CSAT answers: ann 5 on 15 May, ben 1 on 10 June.
 * The latest month holding a revenue row is May 2026: the derived watermark. June's costs, invoice, ticket and answer are facts
 * after it; they never move it (only revenue does).
 */
const KPIS_QUERY = `query($m: [KpiKey!]!, $p: PeriodInput!) {
  kpis(metrics: $m, period: $p) { kpi points { periodStart periodEnd value target attainment status complete dataThrough } }
}`;
const EQUITY_QUERY = `query($p: PeriodInput!) {
  customerEquity(period: $p) { points { periodStart total newRevenue acquisitionCost existingRevenue servicingCost churnLoss
    newCustomers retainedCustomers churnedCustomers complete dataThrough } }
}`;
const WATERMARK = `mutation($at: LocalDate) { updateWorkspace(input: { dataCompleteThrough: $at }) { dataCompleteThrough effectiveDataCompleteThrough } }`;
const MATRIX = `query($m: [KpiKey!]!, $p: PeriodInput!) {
  kpiMatrix(metrics: $m, period: $p, rows: TIER) {
    rows { kind total key cells { kpi value previousValue change relativeChange target attainment status complete dataThrough
      series { periodStart value complete dataThrough status } } }
  }
}`;

const MONTHS = { grain: 'MONTH', from: '2026-04-01', to: '2026-06-01' };
const Q2 = { grain: 'QUARTER', from: '2026-04-01', to: '2026-04-01' };

type Point = { periodStart: string; value: number | null; status: string; complete: boolean; dataThrough: string | null; target: number | null; attainment: number | null };

async function loadDataset(fixtures: KpiFixtures) {
  await fixtures.customer('ann', { tier: 'strategic' });
  await fixtures.customer('ben', { tier: 'growth' });
  await fixtures.customer('cid', { tier: 'growth' });
  await fixtures.mrr('ann', { '2026-01': 100, '2026-02': 100, '2026-03': 100, '2026-04': 120, '2026-05': 120 });
  await fixtures.mrr('ben', { '2026-01': 200, '2026-02': 200, '2026-03': 200, '2026-04': 200 });
  await fixtures.mrr('cid', { '2026-04': 50, '2026-05': 50 });
  await fixtures.revenue('ann', '2025-05', 'ONE_TIME', 500);
  await fixtures.revenue('ann', '2025-06', 'ONE_TIME', 1000);
  await fixtures.revenue('cid', '2026-05', 'SERVICES', 30);
  await fixtures.cost('ACQUISITION', '2026-04', 300);
  await fixtures.cost('COGS', '2026-05', 40, { customer: 'ann' });
  await fixtures.cost('ACQUISITION', '2026-06', 999);
  await fixtures.cost('SERVICING', '2026-06', 500);
  await fixtures.invoice('ann', '2026-04-10', '2026-04-20', 120);
  await fixtures.invoice('cid', '2026-05-05', null, 50);
  await fixtures.invoice('ann', '2026-06-03', null, 120);
  await fixtures.event('ann', 'SUPPORT_TICKET', '2026-05-10T10:00:00Z');
  await fixtures.event('ann', 'SUPPORT_TICKET', '2026-06-02T10:00:00Z');
  await fixtures.survey('ann', 'CSAT', 5, '2026-05-15T10:00:00Z');
  await fixtures.survey('ben', 'CSAT', 1, '2026-06-10T10:00:00Z');
}

describe('data completeness', () => {
  let server: TestServer;
  let key: string;

  async function points(metrics: string[], period: Record<string, string>, apiKey = key): Promise<Record<string, Point[]>> {
    const { kpis } = await must(server, apiKey, KPIS_QUERY, { m: metrics, p: period });
    return Object.fromEntries(kpis.map((s: { kpi: string; points: Point[] }) => [s.kpi, s.points]));
  }
  const values = (series: Record<string, Point[]>) => Object.fromEntries(Object.entries(series).map(([k, ps]) => [k, ps.map((p) => p.value)]));

  beforeAll(async () => {
    server = await startTestServer();
    const created = await KpiFixtures.create(server);
    key = created.key;
    await loadDataset(created.fixtures);
  });
  afterAll(() => server.close());

  it('derives the watermark from the latest month holding a revenue row; costs, invoices, events and surveys after it do not move it', async () => {
    const { workspace } = await must(server, key, '{ workspace { dataCompleteThrough effectiveDataCompleteThrough } }');
    expect(workspace).toEqual({ dataCompleteThrough: null, effectiveDataCompleteThrough: '2026-05-01' });
    // A workspace without any revenue row has no watermark: no period has data.
    const empty = await server.workspace();
    expect((await must(server, empty.adminKey, '{ workspace { effectiveDataCompleteThrough } }')).workspace).toEqual({ effectiveDataCompleteThrough: null });
    const none = await points(['MRR', 'ACTIVE_CUSTOMERS'], { grain: 'MONTH', from: '2026-01-01', to: '2026-01-01' }, empty.adminKey);
    expect(none.MRR[0]).toMatchObject({ value: null, complete: false, dataThrough: null, status: 'INCOMPLETE' });
    expect(none.ACTIVE_CUSTOMERS[0].value).toBeNull();
  });

  it('a month without facts after the last loaded month is null and not complete — not MRR 0, NRR 0 and equity minus the costs', async () => {
    const series = await points(['MRR', 'NRR', 'ACTIVE_CUSTOMERS', 'CHURNED_CUSTOMERS', 'REVENUE', 'CAC'], MONTHS);
    // April: B = active(Mar) = {ann 100, ben 200}; NRR = (120 + 200) / 300. May: B = {ann 120, ben 200, cid 50}; NRR = (120 + 0 + 50) / 370.
    expect(values(series)).toEqual({
      MRR: [370, 170, null],
      NRR: [1.0666666667, 0.4594594595, null],
      ACTIVE_CUSTOMERS: [3, 2, null],
      CHURNED_CUSTOMERS: [0, 1, null],
      REVENUE: [370, 200, null], // May: ann 120 + cid 50 + cid's SERVICES 30
      CAC: [300, null, null], // April: 300 / cid; May: no new customer; June: its 999 is after the watermark
    });
    expect(series.MRR.map(({ complete, dataThrough }) => ({ complete, dataThrough }))).toEqual([
      { complete: true, dataThrough: '2026-04-30' },
      { complete: true, dataThrough: '2026-05-31' },
      { complete: false, dataThrough: null },
    ]);
    expect(series.MRR.map((p) => p.status)).toEqual(['NO_TARGET', 'NO_TARGET', 'INCOMPLETE']);

    const { customerEquity } = await must(server, key, EQUITY_QUERY, { p: { grain: 'MONTH', from: '2026-05-01', to: '2026-06-01' } });
    expect(customerEquity).toHaveLength(1);
    const [may, june] = customerEquity[0].points;
    // May: nobody new; existing revenue 200; ben churned from 200: churnLoss 200 × 1 month. Total (0 − 0) + (200 − 0) − 200 = 0.
    expect(may).toEqual({
      periodStart: '2026-05-01', total: 0, newRevenue: 0, acquisitionCost: 0, existingRevenue: 200, servicingCost: 0, churnLoss: 200,
      newCustomers: 0, retainedCustomers: 2, churnedCustomers: 1, complete: true, dataThrough: '2026-05-31',
    });
    // June would have read (0 − 999) + (0 − 500) − 170 (ann and cid "churned") = −1669; it has no values at all.
    expect(june).toEqual({
      periodStart: '2026-06-01', total: null, newRevenue: null, acquisitionCost: null, existingRevenue: null, servicingCost: null, churnLoss: null,
      newCustomers: null, retainedCustomers: null, churnedCustomers: null, complete: false, dataThrough: null,
    });
  });

  it('computes a quarter in progress to date: e = the watermark month, k = 2 months, trailing windows ending at the watermark', async () => {
    const series = await points(
      [
        'MRR', 'NEW_CUSTOMERS', 'NEW_MRR', 'EXPANSION_MRR', 'CHURNED_MRR', 'LOGO_CHURN_RATE', 'NRR', 'GRR', 'ARPA', 'REVENUE', 'TTM_REVENUE',
        'GROSS_MARGIN', 'CAC', 'CLV', 'NEW_CUSTOMER_VALUE', 'DSO', 'TICKETS_PER_CUSTOMER', 'CSAT',
      ],
      Q2,
    );
    // Q2 2026 to date: b = March, e = May. B = {ann 100, ben 200}; at e ann pays 120, ben 0, cid (new in April) 50.
    expect(values(series)).toEqual({
      MRR: [170],
      NEW_CUSTOMERS: [1],
      NEW_MRR: [50],
      EXPANSION_MRR: [20], // ann 100 → 120
      CHURNED_MRR: [200], // ben; the bridge: 170 − 300 = 50 + 20 − 0 − 200 + 0
      LOGO_CHURN_RATE: [0.5],
      NRR: [0.4], // (120 + 0) / 300
      GRR: [0.3333333333], // (100 + 0) / 300
      ARPA: [85],
      REVENUE: [570], // April 370 + May 200
      TTM_REVENUE: [2470], // June 2025 … May 2026: ann's 1000 + 300 + 300 + 300 + 370 + 200 (May 2025's 500 falls out)
      GROSS_MARGIN: [0.9298245614], // (570 − COGS 40) / 570; June's SERVICING 500 is after the watermark
      CAC: [300], // April's 300 / cid; June's 999 is after the watermark
      // μ = 1 − (1 − 0.5)^(1/k) with k = 2 months to date (not 3): 0.2928932188; CLV = 85 × 0.9298245614 / μ
      CLV: [269.84],
      NEW_CUSTOMER_VALUE: [158.73], // 50 × 0.9298245614 / μ
      DSO: [17.94], // AR at 31 May: cid's 50; issued 1 April … 31 May: 170; days(P) = 61 (1 April … 31 May): 50 / 170 × 61
      TICKETS_PER_CUSTOMER: [0.5], // May's ticket / 2 active; June's ticket is after the watermark
      CSAT: [1], // ann's 5; ben's 1 in June is after the watermark
    });
    for (const points of Object.values(series)) {
      expect(points[0]).toMatchObject({ periodStart: '2026-04-01', periodEnd: '2026-06-30', complete: false, dataThrough: '2026-05-31', status: 'INCOMPLETE' });
    }
    const { customerEquity } = await must(server, key, EQUITY_QUERY, { p: Q2 });
    // newRevenue cid 50 + 50 + 30; existingRevenue ann 240 + ben 200; churnLoss = CHURNED_MRR × k = 200 × 2 (not × 3).
    expect(customerEquity[0].points).toEqual([
      {
        periodStart: '2026-04-01', total: -130, newRevenue: 130, acquisitionCost: 300, existingRevenue: 440, servicingCost: 0, churnLoss: 400,
        newCustomers: 1, retainedCustomers: 1, churnedCustomers: 1, complete: false, dataThrough: '2026-05-31',
      },
    ]);
    // Q1 is complete; the year 2026 is computed through May (k = 5).
    const q1 = await points(['MRR'], { grain: 'QUARTER', from: '2026-01-01', to: '2026-01-01' });
    expect(q1.MRR[0]).toMatchObject({ value: 300, complete: true, dataThrough: '2026-03-31' });
    const year = await points(['MRR', 'REVENUE'], { grain: 'YEAR', from: '2026-01-01', to: '2026-01-01' });
    expect(values(year)).toEqual({ MRR: [170], REVENUE: [1470] }); // January … May: 300 + 300 + 300 + 370 + 200
    expect(year.MRR[0]).toMatchObject({ complete: false, dataThrough: '2026-05-31' });
  });

  it('an explicit watermark cuts loaded facts, is read back on the workspace, and null goes back to the derived one', async () => {
    const created = await KpiFixtures.create(server);
    await loadDataset(created.fixtures);
    const adminKey = created.key;
    expect((await must(server, adminKey, WATERMARK, { at: '2026-04-01' })).updateWorkspace).toEqual({
      dataCompleteThrough: '2026-04-01',
      effectiveDataCompleteThrough: '2026-04-01',
    });
    const months = await points(['MRR', 'REVENUE'], MONTHS, adminKey);
    expect(values(months)).toEqual({ MRR: [370, null, null], REVENUE: [370, null, null] }); // May's revenue is loaded, but after the watermark
    expect(months.MRR.map((p) => p.complete)).toEqual([true, false, false]);

    const q2 = await points(['MRR', 'NRR', 'CHURNED_MRR', 'REVENUE', 'TTM_REVENUE', 'CAC', 'DSO'], Q2, adminKey);
    // Q2 to date through April: e = April, k = 1.
    expect(values(q2)).toEqual({
      MRR: [370],
      NRR: [1.0666666667], // (120 + 200) / 300
      CHURNED_MRR: [0],
      REVENUE: [370],
      TTM_REVENUE: [2770], // May 2025 … April 2026: 500 + 1000 + 300 + 300 + 300 + 370: twelve months, ending at the watermark
      CAC: [300],
      DSO: [0], // AR at 30 April: ann's invoice was paid on 20 April, cid's is issued in May: 0 / 120 × 30
    });
    expect(q2.MRR[0]).toMatchObject({ complete: false, dataThrough: '2026-04-30' });
    const { customerEquity } = await must(server, adminKey, EQUITY_QUERY, { p: Q2 });
    // (cid's 50 − 300) + (ann 120 + ben 200 − 0) − 0: nobody of B = {ann, ben} has churned by April.
    expect(customerEquity[0].points[0]).toMatchObject({ total: 70, newRevenue: 50, acquisitionCost: 300, existingRevenue: 320, churnLoss: 0 });

    // Declared later than the facts: June counts as complete, and then reads exactly what was loaded for it.
    await must(server, adminKey, WATERMARK, { at: '2026-06-01' });
    const june = await must(server, adminKey, EQUITY_QUERY, { p: { grain: 'MONTH', from: '2026-06-01', to: '2026-06-01' } });
    expect(june.customerEquity[0].points[0]).toMatchObject({ total: -1669, acquisitionCost: 999, servicingCost: 500, churnLoss: 170, complete: true });

    expect((await must(server, adminKey, WATERMARK, { at: null })).updateWorkspace).toEqual({
      dataCompleteThrough: null,
      effectiveDataCompleteThrough: '2026-05-01',
    });
    expect(values(await points(['MRR'], MONTHS, adminKey))).toEqual({ MRR: [370, 170, null] });
  });

  it('refuses a watermark that is not the first day of a month, and lets only ADMIN keys set it', async () => {
    const res = await server.gql(WATERMARK, { at: '2026-04-15' }, key);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.fields).toEqual([
      { path: 'dataCompleteThrough', message: 'dataCompleteThrough must be the first day of a month, e.g. "2026-03-01", or null' },
    ]);
    const finance = await server.key(key, 'FINANCE');
    expect(codeOf(await server.gql(WATERMARK, { at: '2026-04-01' }, finance))).toBe('FORBIDDEN');
    expect((await must(server, key, '{ workspace { dataCompleteThrough } }')).workspace.dataCompleteThrough).toBeNull();
  });

  it('statuses: INCOMPLETE in a period not complete whatever its target, then NO_TARGET, NO_VALUE, and the attainment', async () => {
    const created = await KpiFixtures.create(server);
    await loadDataset(created.fixtures);
    const admin = created.key;
    await approvedTargets(server, admin, admin, [
      { kpi: 'MRR', grain: 'QUARTER', periodStart: '2026-04-01', value: 200 }, // Q2 in progress: 170 to date
      { kpi: 'MRR', grain: 'MONTH', periodStart: '2026-04-01', value: 350 }, // April complete: 370 / 350
      { kpi: 'MRR', grain: 'MONTH', periodStart: '2026-06-01', value: 100 }, // June: no data yet
      { kpi: 'NRR', grain: 'MONTH', periodStart: '2026-01-01', value: 1 }, // January: nobody paid in December, NRR is null
    ]);
    const q2 = await points(['MRR'], Q2, admin);
    expect(q2.MRR[0]).toMatchObject({ value: 170, target: 200, attainment: null, status: 'INCOMPLETE' });
    const months = await points(['MRR'], MONTHS, admin);
    expect(months.MRR.map(({ value, target, attainment, status }) => ({ value, target, attainment, status }))).toEqual([
      { value: 370, target: 350, attainment: 1.0571428571428572, status: 'ON_TRACK' },
      { value: 170, target: null, attainment: null, status: 'NO_TARGET' },
      { value: null, target: 100, attainment: null, status: 'INCOMPLETE' }, // INCOMPLETE comes before NO_VALUE
    ]);
    const january = await points(['NRR'], { grain: 'MONTH', from: '2026-01-01', to: '2026-01-01' }, admin);
    expect(january.NRR[0]).toMatchObject({ value: null, target: 1, attainment: null, status: 'NO_VALUE', complete: true });

    // The metric chain and the scorecards judge the same way: customer_equity (a KPI) in Q2 is INCOMPLETE.
    const { metricChain } = await must(
      server, admin, `query($p: PeriodInput!) { metricChain(period: $p) { complete dataThrough nodes { metric { key } value status attainment } } }`, { p: Q2 },
    );
    expect(metricChain).toEqual({
      complete: false,
      dataThrough: '2026-05-31',
      nodes: [{ metric: { key: 'customer_equity' }, value: -130, status: 'INCOMPLETE', attainment: null }],
    });
  });

  it('indicator impact pairs a period only with a next period that is complete: an outcome not loaded yet is no churn', async () => {
    const created = await KpiFixtures.create(server);
    await loadDataset(created.fixtures);
    const impact = async () =>
      (
        await must(
          server,
          created.key,
          `query($p: PeriodInput!) { indicatorImpact(indicators: [TICKETS_PER_CUSTOMER], outcome: NEXT_PERIOD_CHURNED, period: $p) { n } }`,
          { p: { grain: 'MONTH', from: '2026-04-01', to: '2026-05-01' } },
        )
      ).indicatorImpact[0].n;
    // April pairs with May (complete): ann, ben and cid were active at the end of April. May would pair with June, after the
    // watermark, where ann and cid would read as churned: it is left out.
    expect(await impact()).toBe(3);
    await must(server, created.key, WATERMARK, { at: '2026-06-01' });
    expect(await impact()).toBe(5); // declared complete: May pairs too (ann and cid, active at the end of May)
  });

  it('the matrix: cells carry completeness, a quarter to date has no change against the whole quarter before, rows say their kind', async () => {
    const { kpiMatrix } = await must(server, key, MATRIX, { m: ['MRR', 'REVENUE', 'NRR', 'CAC'], p: { grain: 'QUARTER', from: '2026-01-01', to: '2026-04-01' } });
    const rows = kpiMatrix.rows as { kind: string; total: boolean; key: string | null; cells: any[] }[];
    // Every tier in rank order, then the costs that name no customer (April's acquisition cost), then the total.
    expect(rows.map((r) => [r.kind, r.key, r.total])).toEqual([
      ['GROUP', 'strategic', false], ['GROUP', 'enterprise', false], ['GROUP', 'growth', false], ['GROUP', 'scale', false],
      ['UNASSIGNED', null, false], ['TOTAL', null, true],
    ]);
    const total = rows[5].cells;
    expect(total[0]).toMatchObject({
      kpi: 'MRR', value: 170, previousValue: 300, change: null, relativeChange: null, status: 'INCOMPLETE', attainment: null,
      complete: false, dataThrough: '2026-05-31',
    });
    expect(total[0].series).toEqual([
      { periodStart: '2026-01-01', value: 300, complete: true, dataThrough: '2026-03-31', status: 'NO_TARGET' },
      { periodStart: '2026-04-01', value: 170, complete: false, dataThrough: '2026-05-31', status: 'INCOMPLETE' },
    ]);
    expect(rows[0].cells.map((c) => c.value)).toEqual([120, 240, 1.2, null]); // ann: MRR 120, revenue 120 + 120, NRR 120 / 100, nobody new
    expect(rows[2].cells.map((c) => c.value)).toEqual([50, 330, 0, 0]); // ben and cid: revenue 200 + 50 + 50 + 30; NRR 0 / 200; CAC 0 / cid
    expect(rows[1].cells.map((c) => c.value)).toEqual([0, 0, null, null]); // enterprise: no customer
    expect(rows[4].cells.map((c) => c.value)).toEqual([0, 0, null, null]); // April's acquisition cost of 300, over no new customer
    expect(total.map((c) => c.value)).toEqual([170, 570, 0.4, 300]);

    // The next quarter starts after the watermark: every cell null, even the rows without facts (no more 0 by default).
    const q3 = await must(server, key, MATRIX, { m: ['MRR', 'REVENUE'], p: { grain: 'QUARTER', from: '2026-07-01', to: '2026-07-01' } });
    for (const row of q3.kpiMatrix.rows) {
      for (const cell of row.cells) expect(cell).toMatchObject({ value: null, change: null, complete: false, dataThrough: null, status: 'INCOMPLETE' });
    }
  });

  it('a change of the watermark is seen at once, although the matrix before it came from the cache', async () => {
    const created = await KpiFixtures.create(server);
    await loadDataset(created.fixtures);
    const admin = created.key;
    const totalMrr = async () => {
      const res = await server.gql(MATRIX, { m: ['MRR'], p: Q2 }, admin);
      expect(res.errors).toBeUndefined();
      const total = res.data!.kpiMatrix.rows.find((r: { total: boolean }) => r.total).cells[0];
      return { value: total.value, dataThrough: total.dataThrough, statements: Number(res.headers.get('x-sql-statements')) };
    };
    const cold = await totalMrr();
    const warm = await totalMrr();
    expect([cold.value, warm.value, warm.dataThrough]).toEqual([170, 170, '2026-05-31']);
    expect(warm.statements).toBeLessThan(cold.statements); // from the cache
    await must(server, admin, WATERMARK, { at: '2026-04-01' });
    expect(await totalMrr()).toMatchObject({ value: 370, dataThrough: '2026-04-30' });
    await must(server, admin, WATERMARK, { at: null });
    expect(await totalMrr()).toMatchObject({ value: 170, dataThrough: '2026-05-31' });
    // A revenue row of a later month moves the derived watermark (and the data version): June is now the last loaded month.
    await created.fixtures.mrr('ann', { '2026-06': 130 });
    expect(await totalMrr()).toMatchObject({ value: 130, dataThrough: '2026-06-30' });
  });
});
