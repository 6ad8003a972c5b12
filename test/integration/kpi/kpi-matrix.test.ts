import { startTestServer, type TestServer } from '../../helpers/test-server';
import { KpiFixtures, handMadeCustomers } from '../../helpers/kpi-fixtures';

const MATRIX = `query($m: [KpiKey!]!, $p: PeriodInput!, $rows: Dimension! = TIER, $f: SegmentFilter) {
  kpiMatrix(metrics: $m, period: $p, rows: $rows, filter: $f) {
    rowDimension periodStart periodEnd periods { periodStart periodEnd } columns { kpi unit direction additive }
    rows { total key group { tier partner } cells { kpi value target attainment status previousValue change relativeChange series { periodStart value status } } }
  }
}`;

/** The KPI matrix on the hand-made customers (see handMadeCustomers), and how many statements KPI requests cost. */
describe('kpiMatrix', () => {
  let server: TestServer;
  let key: string;

  beforeAll(async () => {
    server = await startTestServer();
    let fixtures: KpiFixtures;
    ({ fixtures, key } = await KpiFixtures.create(server));
    await handMadeCustomers(fixtures);
  });
  afterAll(() => server.close());

  it('shows one row per tier in rank order plus the total, the last period of the range, and the change against the period before', async () => {
    const res = await server.gql(MATRIX, { m: ['MRR', 'NRR', 'CAC', 'ACTIVE_CUSTOMERS'], p: { grain: 'QUARTER', from: '2025-01-01', to: '2025-06-30' } }, key);
    expect(res.errors).toBeUndefined();
    const matrix = res.data!.kpiMatrix;
    expect(matrix).toMatchObject({
      rowDimension: 'TIER',
      periodStart: '2025-04-01',
      periodEnd: '2025-06-30',
      periods: [{ periodStart: '2025-01-01', periodEnd: '2025-03-31' }, { periodStart: '2025-04-01', periodEnd: '2025-06-30' }],
    });
    expect(matrix.columns[2]).toEqual({ kpi: 'CAC', unit: 'CURRENCY', direction: 'LOWER_IS_BETTER', additive: false });
    expect(matrix.rows.map((r: { key: string | null; total: boolean }) => [r.key, r.total])).toEqual([
      ['strategic', false], ['enterprise', false], ['growth', false], ['scale', false], [null, true],
    ]);
    const cell = (row: number, kpi: string) => matrix.rows[row].cells.find((c: { kpi: string }) => c.kpi === kpi);
    // growth: MRR 120 at the end of Q1 (bob), 80 at the end of Q2 (carol)
    expect(cell(2, 'MRR')).toEqual({
      kpi: 'MRR', value: 80, target: null, attainment: null, status: 'NO_TARGET', previousValue: 120, change: -40,
      relativeChange: -0.3333333333,
      series: [{ periodStart: '2025-01-01', value: 120, status: 'NO_TARGET' }, { periodStart: '2025-04-01', value: 80, status: 'NO_TARGET' }],
    });
    expect(cell(3, 'MRR')).toMatchObject({ value: 0, previousValue: 0, change: 0, relativeChange: null }); // scale: erin
    expect(cell(4, 'MRR')).toMatchObject({ value: 530, previousValue: 570, change: -40 });
    expect(cell(4, 'NRR')).toMatchObject({ previousValue: null, change: null, relativeChange: null }); // Q1 had no base
    expect(cell(4, 'NRR').value).toBeCloseTo(450 / 570, 10);
    expect(matrix.rows[4].group).toEqual({ tier: null, partner: null });
  });

  it('computes the change of a one-period range against the period before the range, and lists only tiers that pass the filter', async () => {
    const res = await server.gql(
      MATRIX,
      { m: ['MRR'], p: { grain: 'QUARTER', from: '2025-04-01', to: '2025-04-01' }, f: { tier: ['strategic', 'scale'] } },
      key,
    );
    const rows = res.data!.kpiMatrix.rows;
    expect(rows.map((r: { key: string | null }) => r.key)).toEqual(['strategic', 'scale', null]);
    expect(rows[1].cells[0]).toMatchObject({ value: 0, previousValue: 0 }); // scale has no fact in Q2 at all
    expect(rows[2].cells[0]).toMatchObject({ value: 150, previousValue: 150, change: 0, relativeChange: 0 });
  });

  it('takes other row dimensions, the null key last', async () => {
    const res = await server.gql(MATRIX, { m: ['MRR'], p: { grain: 'MONTH', from: '2025-03-01', to: '2025-03-01' }, rows: 'PARTNER' }, key);
    const rows = res.data!.kpiMatrix.rows;
    expect(rows.map((r: { key: string | null; total: boolean; cells: { value: number }[] }) => [r.key, r.total, r.cells[0].value])).toEqual([
      ['p1', false, 120], [null, false, 450], [null, true, 570],
    ]);
    expect(rows[0].group).toEqual({ tier: null, partner: 'p1' });
  });

  it('answers 12 KPIs × 12 quarters × 4 tiers with a bounded number of statements, the same as for one KPI and one quarter', async () => {
    const twelve = [
      'ACTIVE_CUSTOMERS', 'NEW_CUSTOMERS', 'LOGO_CHURN_RATE', 'MRR', 'NRR', 'GRR', 'ARPA', 'REVENUE', 'GROSS_MARGIN', 'CAC', 'CLV', 'CUSTOMER_EQUITY',
    ];
    const big = await server.gql(MATRIX, { m: twelve, p: { grain: 'QUARTER', from: '2023-01-01', to: '2025-12-31' } }, key);
    expect(big.errors).toBeUndefined();
    expect(big.data!.kpiMatrix.periods).toHaveLength(12);
    const small = await server.gql(MATRIX, { m: ['MRR'], p: { grain: 'QUARTER', from: '2025-01-01', to: '2025-01-01' } }, key);
    const statements = Number(big.headers.get('x-sql-statements'));
    // the API key, the dimension counts of the cost estimate (unless counted less than a minute ago), the workspace (fiscal year
    // start and data version), the tier list (unless the KPI cache has it), ONE statement for the tier rows and the total row, and
    // ONE for the approved targets
    expect(statements).toBeLessThanOrEqual(6);
    expect(Number(small.headers.get('x-sql-statements'))).toBeLessThanOrEqual(statements);
  });

  it('computes identical KPI requests of one GraphQL request once, and merges requests that differ only in their KPIs', async () => {
    const single = await server.gql(
      `{ kpis(metrics: [MRR], period: { grain: MONTH, from: "2025-01-01", to: "2025-06-30" }, groupBy: [TIER]) { kpi } }`,
      {},
      key,
    );
    const repeated = await server.gql(
      `{
        a: kpis(metrics: [MRR], period: { grain: MONTH, from: "2025-01-01", to: "2025-06-30" }, groupBy: [TIER]) { kpi points { value } }
        b: kpis(metrics: [MRR], period: { grain: MONTH, from: "2025-01-01", to: "2025-06-30" }, groupBy: [TIER]) { kpi points { value } }
        c: kpis(metrics: [NRR, MRR], period: { grain: MONTH, from: "2025-01-01", to: "2025-06-30" }, groupBy: [TIER]) { kpi points { value } }
      }`,
      {},
      key,
    );
    expect(repeated.errors).toBeUndefined();
    expect(repeated.data!.a).toEqual(repeated.data!.b);
    expect(repeated.data!.c.filter((s: { kpi: string }) => s.kpi === 'MRR')).toEqual(repeated.data!.a);
    expect(Number(repeated.headers.get('x-sql-statements'))).toBe(Number(single.headers.get('x-sql-statements')));
  });
});
