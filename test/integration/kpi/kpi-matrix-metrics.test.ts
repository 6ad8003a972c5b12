import { startTestServer, type TestServer } from '../../helpers/test-server';
import { RECORD_REVENUE, UPSERT_CUSTOMERS, UPSERT_PARTNERS, customerRow, ingest } from '../../helpers/facts';
import { RECORD_METRIC_VALUES, approvedTargets, createMetric, must } from '../../helpers/metrics';

/**
 * The KPI matrix with the workspace's own metrics as columns. Hand-made data, March 2025 against February:
 *   customer a (tier growth): MRR 100 in February, 150 in March; customer b (tier scale): MRR 200 in February, none in March.
 *   So MRR: growth 100 → 150, scale 200 → 0, total 300 → 150.
 *   repeat_purchase_rate (OBSERVED, PERCENT) recorded for the workspace 0.30 (Feb) and 0.36 (Mar), for growth 0.40 and 0.50,
 *   for scale 0.20 (March only). mrr_metric is a metric whose source is the KPI MRR.
 *   Approved targets for March: repeat_purchase_rate 0.40 for the workspace, 0.50 for growth; the KPI MRR 200 for the workspace.
 */
const MATRIX = `query($kpis: [KpiKey!], $metricKeys: [String!], $p: PeriodInput!, $rows: Dimension! = TIER, $f: SegmentFilter) {
  kpiMatrix(kpis: $kpis, metricKeys: $metricKeys, period: $p, rows: $rows, filter: $f) {
    columns { key name kpi metricKey unit direction additive }
    rows { kind key cells { key kpi value target attainment status complete dataThrough previousValue change relativeChange series { value status } } }
  }
}`;
const MARCH = { grain: 'MONTH', from: '2025-03-01', to: '2025-03-01' };

describe('kpiMatrix with metrics of the workspace', () => {
  let server: TestServer;
  let key: string;

  beforeAll(async () => {
    server = await startTestServer();
    ({ adminKey: key } = await server.workspace());
    await ingest(server, key, UPSERT_CUSTOMERS, [customerRow('a', { tier: 'growth' }), customerRow('b', { tier: 'scale', segment: 'ENTERPRISE' })]);
    await ingest(server, key, RECORD_REVENUE, [
      { customer: 'a', month: '2025-02-01', type: 'RECURRING', amount: 100 },
      { customer: 'a', month: '2025-03-01', type: 'RECURRING', amount: 150 },
      { customer: 'b', month: '2025-02-01', type: 'RECURRING', amount: 200 },
    ]);
    await createMetric(server, key, { key: 'repeat_purchase_rate', level: 'OUTPUT', unit: 'PERCENT' });
    await createMetric(server, key, { key: 'mrr_metric', level: 'OUTCOME', kpi: 'MRR' });
    const value = (periodStart: string, tier: string | undefined, v: number) => ({ metric: 'repeat_purchase_rate', grain: 'MONTH', periodStart, tier, value: v });
    await must(server, key, RECORD_METRIC_VALUES, {
      rows: [value('2025-02-01', undefined, 0.3), value('2025-03-01', undefined, 0.36), value('2025-02-01', 'growth', 0.4), value('2025-03-01', 'growth', 0.5), value('2025-03-01', 'scale', 0.2)],
    });
    await approvedTargets(server, key, key, [
      { metric: 'repeat_purchase_rate', grain: 'MONTH', periodStart: '2025-03-01', value: 0.4 },
      { metric: 'repeat_purchase_rate', grain: 'MONTH', periodStart: '2025-03-01', tier: 'growth', value: 0.5 },
      { kpi: 'MRR', grain: 'MONTH', periodStart: '2025-03-01', value: 200 },
    ]);
  });
  afterAll(() => server.close());

  const matrix = async (variables: Record<string, unknown>) => {
    const res = await server.gql(MATRIX, { p: MARCH, ...variables }, key);
    expect(res.errors).toBeUndefined();
    return res.data!.kpiMatrix;
  };

  it('has one column per KPI, then per metric, and the same cells', async () => {
    const m = await matrix({ kpis: ['MRR'], metricKeys: ['repeat_purchase_rate', 'mrr_metric'] });
    expect(m.columns).toEqual([
      { key: 'MRR', name: 'Monthly recurring revenue', kpi: 'MRR', metricKey: null, unit: 'CURRENCY', direction: 'HIGHER_IS_BETTER', additive: true },
      { key: 'repeat_purchase_rate', name: 'repeat_purchase_rate', kpi: null, metricKey: 'repeat_purchase_rate', unit: 'PERCENT', direction: 'HIGHER_IS_BETTER', additive: false },
      { key: 'mrr_metric', name: 'mrr_metric', kpi: 'MRR', metricKey: 'mrr_metric', unit: 'CURRENCY', direction: 'HIGHER_IS_BETTER', additive: true },
    ]);
    expect(m.rows.map((r: { kind: string; key: string | null }) => [r.kind, r.key])).toEqual([
      ['GROUP', 'strategic'], ['GROUP', 'enterprise'], ['GROUP', 'growth'], ['GROUP', 'scale'], ['TOTAL', null],
    ]);
    const [, , growth, scale, total] = m.rows;
    const whole = { complete: true, dataThrough: '2025-03-31' };

    // growth: its recorded 0.50 against its target 0.50 (attainment 1), 0.40 the month before (+0.10, +25 %).
    expect(growth.cells[1]).toEqual({
      key: 'repeat_purchase_rate', kpi: null, value: 0.5, target: 0.5, attainment: 1, status: 'ON_TRACK', ...whole,
      previousValue: 0.4, change: 0.1, relativeChange: 0.25, series: [{ value: 0.5, status: 'ON_TRACK' }],
    });
    // The KPI column and the KPI-source metric's column hold the same cell: MRR 150 against 100 (+50 %), no target for the tier.
    const growthMrr = {
      value: 150, target: null, attainment: null, status: 'NO_TARGET', ...whole, previousValue: 100, change: 50, relativeChange: 0.5,
      series: [{ value: 150, status: 'NO_TARGET' }],
    };
    expect(growth.cells[0]).toEqual({ key: 'MRR', kpi: 'MRR', ...growthMrr });
    expect(growth.cells[2]).toEqual({ key: 'mrr_metric', kpi: 'MRR', ...growthMrr });

    // scale: 0.20 recorded for March, nothing for February: no change; no target.
    expect(scale.cells[1]).toMatchObject({ value: 0.2, previousValue: null, change: null, target: null, status: 'NO_TARGET' });
    expect(scale.cells[0]).toMatchObject({ value: 0, previousValue: 200, change: -200, relativeChange: -1 });

    // total: the workspace's recorded 0.36 against 0.40 → attainment 0.9 (0.8999999999999999 in floating point), AT_RISK;
    // +0.06 on 0.30 is +20 %.
    expect(total.cells[1]).toMatchObject({ value: 0.36, target: 0.4, attainment: expect.closeTo(0.9, 10), status: 'AT_RISK', previousValue: 0.3, change: 0.06, relativeChange: 0.2 });
    // MRR 150 against the KPI's target 200 → 0.75, OFF_TRACK, for the KPI and for the metric computed from it alike.
    for (const cell of [total.cells[0], total.cells[2]]) {
      expect(cell).toMatchObject({ value: 150, target: 200, attainment: 0.75, status: 'OFF_TRACK', previousValue: 300, change: -150, relativeChange: -0.5 });
    }
    // A tier without a recorded value: null, and NO_TARGET.
    expect(m.rows[0].cells[1]).toMatchObject({ value: null, target: null, status: 'NO_TARGET' });
  });

  it('shows a recorded value only on the slices it was recorded for', async () => {
    // Rows of another dimension than TIER: no value was recorded for a segment; the total row has the workspace's.
    const bySegment = await matrix({ kpis: ['MRR'], metricKeys: ['repeat_purchase_rate'], rows: 'SEGMENT' });
    expect(bySegment.rows.map((r: { key: string | null; cells: { value: number | null }[] }) => [r.key, r.cells[0].value, r.cells[1].value])).toEqual([
      ['ENTERPRISE', 0, null], ['SMB', 150, null], [null, 150, 0.36],
    ]);
    // Recorded values do not say which segments exist: with metric columns only, such a matrix has its total row only.
    const metricsOnly = await matrix({ metricKeys: ['repeat_purchase_rate'], rows: 'SEGMENT' });
    expect(metricsOnly.rows.map((r: { kind: string; cells: { value: number | null }[] }) => [r.kind, r.cells[0].value])).toEqual([['TOTAL', 0.36]]);
    // Filtered to one tier, the total is that tier's value and target; filtered by another dimension, nothing applies.
    const growthOnly = await matrix({ metricKeys: ['repeat_purchase_rate'], f: { tier: ['growth'] } });
    expect(growthOnly.rows.at(-1).cells[0]).toMatchObject({ value: 0.5, target: 0.5, status: 'ON_TRACK' });
    const smbOnly = await matrix({ metricKeys: ['repeat_purchase_rate'], f: { segment: ['SMB'] } });
    expect(smbOnly.rows.at(-1).cells[0]).toMatchObject({ value: null, target: null, status: 'NO_TARGET' });
  });

  it('keeps the deprecated `metrics` argument working as `kpis`', async () => {
    const old = await server.gql(
      `query($p: PeriodInput!) { kpiMatrix(metrics: [MRR], period: $p) { columns { key kpi } rows { cells { kpi value } } } }`,
      { p: MARCH },
      key,
    );
    expect(old.errors).toBeUndefined();
    expect(old.data!.kpiMatrix.columns).toEqual([{ key: 'MRR', kpi: 'MRR' }]);
    expect(old.data!.kpiMatrix.rows.map((r: { cells: { value: number }[] }) => r.cells[0].value)).toEqual([0, 0, 150, 0, 150]);

    const introspection = await server.gql(`{ __type(name: "Query") { fields { name args(includeDeprecated: true) { name isDeprecated deprecationReason } } } }`, {}, key);
    const args = introspection.data!.__type.fields.find((f: { name: string }) => f.name === 'kpiMatrix').args;
    expect(args.find((a: { name: string }) => a.name === 'metrics')).toMatchObject({ isDeprecated: true, deprecationReason: expect.stringContaining('kpis') });
    expect(args.find((a: { name: string }) => a.name === 'kpis')).toMatchObject({ isDeprecated: false });
  });

  it("keeps the workspace's metrics from a PARTNER key: its matrix has KPI columns only", async () => {
    await ingest(server, key, UPSERT_PARTNERS, [{ externalId: 'p1', name: 'One' }]);
    const partnerKey = await server.key(key, 'PARTNER', { partner: 'p1' });
    const refused = await server.gql(MATRIX, { p: MARCH, kpis: ['MRR'], metricKeys: ['repeat_purchase_rate'] }, partnerKey);
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const kpisOnly = await server.gql(MATRIX, { p: MARCH, kpis: ['MRR'] }, partnerKey);
    expect(kpisOnly.errors).toBeUndefined();
    // a and b are direct customers: p1 has none, so its total MRR is 0.
    expect(kpisOnly.data!.kpiMatrix.rows.at(-1).cells[0].value).toBe(0);
  });

  it('refuses an unknown metric, both KPI arguments at once, and no column at all', async () => {
    const codeAndFields = async (variables: Record<string, unknown>, query = MATRIX) => {
      const res = await server.gql(query, { p: MARCH, ...variables }, key);
      return { code: res.errors?.[0].extensions.code, fields: res.errors?.[0].extensions.fields };
    };
    expect(await codeAndFields({ metricKeys: ['repeat_purchase_rate', 'nope'] })).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'metricKeys[1]', message: 'no metric "nope" in this workspace' }],
    });
    expect(await codeAndFields({})).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'kpis', message: 'name at least one KPI (kpis) or metric (metricKeys)' }],
    });
    const both = `query($p: PeriodInput!) { kpiMatrix(kpis: [MRR], metrics: [NRR], period: $p) { rows { key } } }`;
    expect(await codeAndFields({}, both)).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'metrics', message: 'give the KPIs in `kpis` only (`metrics` is its deprecated name)' }],
    });
  });
});
