import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';
import { KpiFixtures, handMadeCustomers } from '../../helpers/kpi-fixtures';
import { APPROVE_TARGETS, RECORD_METRIC_VALUES, UPSERT_TARGETS, approvedTargets, createMetric, must } from '../../helpers/metrics';
import { countRows } from '../../helpers/facts';

const VALUES = `query($key: String!, $p: PeriodInput!, $g: [Dimension!], $f: SegmentFilter) {
  metric(key: $key) { values(period: $p, groupBy: $g, filter: $f) { group { tier } points { periodStart value target attainment status } } }
}`;
const TARGETS = `query($f: TargetFilter) { targets(filter: $f) { kpi metric { key } grain periodStart periodEnd tier value status approvedBy } }`;

describe('recordMetricValues', () => {
  let server: TestServer;
  let admin: string;
  let workspaceId: string;

  beforeAll(async () => {
    server = await startTestServer();
    ({ adminKey: admin, id: workspaceId } = await server.workspace());
    // Fiscal quarters start in April, July, October and January; fiscal years in April.
    await must(server, admin, `mutation { updateWorkspace(input: { fiscalYearStartMonth: 4 }) { id } }`);
    await createMetric(server, admin, { key: 'webinars', level: 'ACTIVITY' });
    await createMetric(server, admin, { key: 'nrr', level: 'OUTCOME', kpi: 'NRR' });
  });
  afterAll(() => server.close());

  it('is idempotent on (metric, grain, periodStart, tier), a value without tier being its own key', async () => {
    const rows = [
      { metric: 'webinars', grain: 'MONTH', periodStart: '2025-01-01', value: 10 },
      { metric: 'webinars', grain: 'MONTH', periodStart: '2025-01-01', tier: 'growth', value: 4 },
      { metric: 'webinars', grain: 'QUARTER', periodStart: '2025-04-01', value: 30 },
    ];
    expect((await must(server, admin, RECORD_METRIC_VALUES, { rows })).recordMetricValues).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect((await must(server, admin, RECORD_METRIC_VALUES, { rows })).recordMetricValues).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    rows[0].value = 12;
    expect((await must(server, admin, RECORD_METRIC_VALUES, { rows })).recordMetricValues).toEqual({ inserted: 0, updated: 1, unchanged: 2 });
    expect(await countRows(server, 'metric_value', workspaceId)).toBe(3);
  });

  it('validates every row first and writes nothing when one is bad', async () => {
    const res = await server.gql(
      RECORD_METRIC_VALUES,
      {
        rows: [
          { metric: 'webinars', grain: 'MONTH', periodStart: '2025-03-01', value: 1 },
          { metric: 'webinars', grain: 'QUARTER', periodStart: '2025-02-01', value: 1 },
          { metric: 'webinars', grain: 'YEAR', periodStart: '2025-01-01', value: 1 },
          { metric: 'nrr', grain: 'MONTH', periodStart: '2025-03-01', value: 1 },
          { metric: 'nope', grain: 'MONTH', periodStart: '2025-03-01', value: 1 },
          { metric: 'webinars', grain: 'MONTH', periodStart: '2025-03-01', tier: 'gold', value: 1 },
          { metric: 'webinars', grain: 'MONTH', periodStart: '2025-03-01', value: 2 },
        ],
      },
      admin,
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.rows).toEqual([
      { index: 1, field: 'periodStart', reason: 'INVALID', message: 'periodStart must be the first day of a fiscal quarter (the fiscal year starts in month 4); got "2025-02-01"' },
      { index: 2, field: 'periodStart', reason: 'INVALID', message: 'periodStart must be the first day of a fiscal year (the fiscal year starts in month 4); got "2025-01-01"' },
      { index: 3, field: 'metric', reason: 'INVALID', message: '"nrr" takes its values from KPI NRR; only OBSERVED metrics record values' },
      { index: 4, field: 'metric', reason: 'NOT_FOUND', message: 'no metric "nope" in this workspace' },
      { index: 5, field: 'tier', reason: 'NOT_FOUND', message: 'no tier with key "gold" in this workspace' },
      { index: 6, field: 'periodStart', reason: 'DUPLICATE', message: 'same natural key as rows[0]; send each key once per batch' },
    ]);
    expect(await countRows(server, 'metric_value', workspaceId)).toBe(3);
  });

  it('takes a PERCENT as a fraction from 0 to 1 and refuses 30 (meant as 30 %) with the value to send; counts are not negative', async () => {
    await createMetric(server, admin, { key: 'onboarding_rate', level: 'OUTPUT', unit: 'PERCENT' });
    const res = await server.gql(
      RECORD_METRIC_VALUES,
      {
        rows: [
          { metric: 'onboarding_rate', grain: 'MONTH', periodStart: '2025-01-01', value: 0.3 },
          { metric: 'onboarding_rate', grain: 'MONTH', periodStart: '2025-02-01', value: 30 },
          { metric: 'onboarding_rate', grain: 'MONTH', periodStart: '2025-03-01', value: -0.1 },
          { metric: 'onboarding_rate', grain: 'MONTH', periodStart: '2025-04-01', value: 1 },
          { metric: 'webinars', grain: 'MONTH', periodStart: '2025-04-01', value: -2 },
        ],
      },
      admin,
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.rows).toEqual([
      {
        index: 1, field: 'value', reason: 'INVALID',
        message: '"onboarding_rate" (PERCENT) is a percentage written as a fraction (0.3 means 30 %), from 0 to 1; got 30 (3,000 %); for 30 %, send 0.3',
      },
      {
        index: 2, field: 'value', reason: 'INVALID',
        message: '"onboarding_rate" (PERCENT) is a percentage written as a fraction (0.3 means 30 %), from 0 to 1; got -0.1 (-10 %)',
      },
      { index: 4, field: 'value', reason: 'INVALID', message: '"webinars" (COUNT) must be at least 0; got -2' },
    ]);
    expect(await countRows(server, 'metric_value', workspaceId)).toBe(3);
    const good = { rows: [{ metric: 'onboarding_rate', grain: 'MONTH', periodStart: '2025-01-01', value: 0.3 }, { metric: 'onboarding_rate', grain: 'MONTH', periodStart: '2025-04-01', value: 1 }] };
    expect((await must(server, admin, RECORD_METRIC_VALUES, good)).recordMetricValues).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
  });

  it('refuses a unit its recorded values and targets do not fit: counts up to 30 cannot become a PERCENT', async () => {
    const res = await server.gql(`mutation { updateMetric(key: "webinars", input: { unit: PERCENT }) { unit } }`, {}, admin);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.fields).toEqual([
      {
        path: 'unit',
        message:
          'its recorded values and targets (from 4 to 30) do not fit the new unit: "webinars" (PERCENT) is a percentage written as a fraction (0.3 means 30 %), from 0 to 1; got 30 (3,000 %); for 30 %, send 0.3; correct them first (recordMetricValues, upsertTargets)',
      },
    ]);
    expect((await must(server, admin, `mutation { updateMetric(key: "webinars", input: { unit: RATIO }) { unit } }`)).updateMetric).toEqual({ unit: 'RATIO' });
    expect((await must(server, admin, `mutation { updateMetric(key: "webinars", input: { unit: COUNT }) { unit } }`)).updateMetric).toEqual({ unit: 'COUNT' });
  });

  it('shows recorded values: ungrouped the whole-workspace value, by TIER one series per tier, with approved metric targets', async () => {
    await approvedTargets(server, admin, admin, [{ metric: 'webinars', grain: 'MONTH', periodStart: '2025-01-01', value: 8 }]);
    const p = { grain: 'MONTH', from: '2025-01-01', to: '2025-02-01' };
    const whole = (await must(server, admin, VALUES, { key: 'webinars', p })).metric.values;
    // 12 webinars against a target of 8: attainment 1.5
    expect(whole).toEqual([
      {
        group: { tier: null },
        points: [
          { periodStart: '2025-01-01', value: 12, target: 8, attainment: 1.5, status: 'ON_TRACK' },
          { periodStart: '2025-02-01', value: null, target: null, attainment: null, status: 'NO_TARGET' },
        ],
      },
    ]);
    const byTier = (await must(server, admin, VALUES, { key: 'webinars', p, g: ['TIER'] })).metric.values;
    expect(byTier.map((s: { group: { tier: string }; points: { value: number | null }[] }) => [s.group.tier, s.points.map((pt) => pt.value)])).toEqual([
      ['strategic', [null, null]], ['enterprise', [null, null]], ['growth', [4, null]], ['scale', [null, null]],
    ]);
    const growth = (await must(server, admin, VALUES, { key: 'webinars', p, f: { tier: ['growth'] } })).metric.values;
    expect(growth[0].points[0]).toMatchObject({ value: 4, target: null });
    const bySegment = await server.gql(VALUES, { key: 'webinars', p, g: ['SEGMENT'] }, admin);
    expect(codeOf(bySegment)).toBe('BAD_USER_INPUT');
  });
});

describe('targets', () => {
  let server: TestServer;
  let admin: string;
  let editor: string;
  let finance: string;
  let viewer: string;

  beforeAll(async () => {
    server = await startTestServer();
    let fixtures: KpiFixtures;
    ({ fixtures, key: admin } = await KpiFixtures.create(server));
    await handMadeCustomers(fixtures);
    [editor, finance, viewer] = [await server.key(admin, 'EDITOR'), await server.key(admin, 'FINANCE'), await server.key(admin, 'VIEWER')];
    await createMetric(server, admin, { key: 'webinars', level: 'ACTIVITY' });
    await createMetric(server, admin, { key: 'nrr', level: 'OUTCOME', kpi: 'NRR' });
  });
  afterAll(() => server.close());

  it('are drafted by EDITOR keys and approved by FINANCE keys; editing an approved one makes it a draft again', async () => {
    const row = { kpi: 'NRR', grain: 'QUARTER', periodStart: '2025-04-01', tier: 'growth', value: 0.95 };
    for (const k of [finance, viewer]) expect(codeOf(await server.gql(UPSERT_TARGETS, { rows: [row] }, k))).toBe('FORBIDDEN');
    expect((await must(server, editor, UPSERT_TARGETS, { rows: [row] })).upsertTargets).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const { kpi: _k, value: _v, ...rest } = row;
    const key = { kpi: 'NRR', ...rest };
    for (const k of [editor, viewer]) expect(codeOf(await server.gql(APPROVE_TARGETS, { keys: [key] }, k))).toBe('FORBIDDEN');

    const [approved] = (await must(server, finance, APPROVE_TARGETS, { keys: [key] })).approveTargets;
    expect(approved).toMatchObject({
      kpi: 'NRR', metric: null, grain: 'QUARTER', periodStart: '2025-04-01', periodEnd: '2025-06-30', tier: 'growth', value: 0.95,
      status: 'APPROVED', approvedBy: 'FINANCE key',
    });
    expect(approved.approvedAt).not.toBeNull();

    // the same value again changes nothing and keeps the approval
    expect((await must(server, editor, UPSERT_TARGETS, { rows: [row] })).upsertTargets).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect((await must(server, viewer, TARGETS, { f: { kpi: 'NRR' } })).targets[0].status).toBe('APPROVED');
    // a new value needs approval again
    expect((await must(server, editor, UPSERT_TARGETS, { rows: [{ ...row, value: 0.97 }] })).upsertTargets).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const [draft] = (await must(server, viewer, TARGETS, { f: { kpi: 'NRR' } })).targets;
    expect(draft).toMatchObject({ value: 0.97, status: 'DRAFT', approvedBy: null });
    const byId = (await must(server, finance, APPROVE_TARGETS, { ids: [approved.id] })).approveTargets;
    expect(byId[0]).toMatchObject({ value: 0.97, status: 'APPROVED', approvedBy: 'FINANCE key' });
  });

  it('approves all or nothing: a missing target is NOT_FOUND and nothing is approved', async () => {
    await must(server, editor, UPSERT_TARGETS, { rows: [{ kpi: 'GRR', grain: 'YEAR', periodStart: '2025-01-01', value: 0.9 }] });
    const res = await server.gql(
      APPROVE_TARGETS,
      { keys: [{ kpi: 'GRR', grain: 'YEAR', periodStart: '2025-01-01' }, { kpi: 'GRR', grain: 'YEAR', periodStart: '2024-01-01' }] },
      finance,
    );
    expect(codeOf(res)).toBe('NOT_FOUND');
    expect(res.errors![0].extensions.missing).toEqual(['KPI GRR YEAR 2024-01-01']);
    expect((await must(server, viewer, TARGETS, { f: { kpi: 'GRR' } })).targets[0].status).toBe('DRAFT');
  });

  it('refuses targets on a KPI-source metric (its targets are its KPI’s), rows naming both or neither, and misaligned periods', async () => {
    const res = await server.gql(
      UPSERT_TARGETS,
      {
        rows: [
          { metric: 'nrr', grain: 'MONTH', periodStart: '2025-01-01', value: 1 },
          { metric: 'webinars', kpi: 'MRR', grain: 'MONTH', periodStart: '2025-01-01', value: 1 },
          { grain: 'MONTH', periodStart: '2025-01-01', value: 1 },
          { metric: 'webinars', grain: 'QUARTER', periodStart: '2025-02-01', value: 1 },
        ],
      },
      editor,
    );
    expect(res.errors![0].extensions.rows).toEqual([
      { index: 0, field: 'metric', reason: 'INVALID', message: '"nrr" takes its values and targets from KPI NRR: send kpi: NRR instead' },
      { index: 1, field: 'kpi', reason: 'INVALID', message: 'name exactly one of metric (an OBSERVED metric key) and kpi' },
      { index: 2, field: 'metric', reason: 'INVALID', message: 'name exactly one of metric (an OBSERVED metric key) and kpi' },
      { index: 3, field: 'periodStart', reason: 'INVALID', message: 'periodStart must be the first day of a fiscal quarter (the fiscal year starts in month 1); got "2025-02-01"' },
    ]);
  });

  it('are in the unit of their KPI: a percent is a fraction (NRR up to 10, margins may be negative), NPS from -100 to 100', async () => {
    const row = (kpi: string, value: number, year = 2026) => ({ kpi, grain: 'YEAR', periodStart: `${year}-01-01`, value });
    const rows = [
      row('GRR', 97), row('GRR', 0.97, 2027), row('NRR', 1.15), row('NRR', 115, 2027), row('GROSS_MARGIN', -0.2), row('GROSS_MARGIN', 80, 2027),
      row('NPS', 35), row('NPS', 135, 2027), row('ACTIVE_CUSTOMERS', -1), row('CUSTOMER_EQUITY', -5000),
    ];
    const res = await server.gql(UPSERT_TARGETS, { rows }, editor);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.rows).toEqual([
      { index: 0, field: 'value', reason: 'INVALID', message: 'GRR is a percentage written as a fraction (0.3 means 30 %), from 0 to 1; got 97 (9,700 %); for 97 %, send 0.97' },
      { index: 3, field: 'value', reason: 'INVALID', message: 'NRR is a percentage written as a fraction (0.3 means 30 %), from 0 to 10; got 115 (11,500 %)' },
      { index: 5, field: 'value', reason: 'INVALID', message: 'GROSS_MARGIN is a percentage written as a fraction (0.3 means 30 %), at most 1; got 80 (8,000 %); for 80 %, send 0.8' },
      { index: 7, field: 'value', reason: 'INVALID', message: 'NPS must be from -100 to 100; got 135' },
      { index: 8, field: 'value', reason: 'INVALID', message: 'ACTIVE_CUSTOMERS must be at least 0; got -1' },
    ]);
    expect((await must(server, viewer, TARGETS, { f: { grain: 'YEAR', from: '2026-01-01' } })).targets).toEqual([]);
    const fine = [1, 2, 4, 6, 9].map((i) => rows[i]);
    expect((await must(server, editor, UPSERT_TARGETS, { rows: fine })).upsertTargets).toEqual({ inserted: 5, updated: 0, unchanged: 0 });
  });

  it('are listed with filters on KPI or metric, grain, period range, tier and status', async () => {
    await must(server, editor, UPSERT_TARGETS, {
      rows: [
        { metric: 'webinars', grain: 'MONTH', periodStart: '2025-01-01', value: 10 },
        { metric: 'webinars', grain: 'MONTH', periodStart: '2025-02-01', value: 11 },
        { metric: 'webinars', grain: 'MONTH', periodStart: '2025-02-01', tier: 'scale', value: 3 },
      ],
    });
    const list = async (f: Record<string, unknown>) =>
      (await must(server, viewer, TARGETS, { f })).targets.map((t: { periodStart: string; tier: string | null; value: number }) => [t.periodStart, t.tier, t.value]);
    expect(await list({ metric: 'webinars' })).toEqual([['2025-01-01', null, 10], ['2025-02-01', null, 11], ['2025-02-01', 'scale', 3]]);
    expect(await list({ metric: 'webinars', from: '2025-02-01' })).toEqual([['2025-02-01', null, 11], ['2025-02-01', 'scale', 3]]);
    expect(await list({ metric: 'webinars', tier: '' })).toEqual([['2025-01-01', null, 10], ['2025-02-01', null, 11]]);
    expect(await list({ tier: 'scale' })).toEqual([['2025-02-01', 'scale', 3]]);
    expect(await list({ status: 'APPROVED' })).toEqual([['2025-04-01', 'growth', 0.97]]);
    expect(await list({ grain: 'YEAR', to: '2025-01-01' })).toEqual([['2025-01-01', null, 0.9]]);
  });

  it('show in the KPI matrix and kpis when approved — tier targets on tier rows, the no-tier target on the total — and never as drafts', async () => {
    const Q1 = '2025-01-01';
    const Q2 = '2025-04-01';
    await approvedTargets(server, editor, finance, [
      { kpi: 'MRR', grain: 'QUARTER', periodStart: Q2, value: 500 },
      { kpi: 'MRR', grain: 'QUARTER', periodStart: Q1, value: 600 },
      { kpi: 'MRR', grain: 'QUARTER', periodStart: Q2, tier: 'growth', value: 100 },
      { kpi: 'MRR', grain: 'QUARTER', periodStart: Q2, tier: 'strategic', value: 160 },
      { kpi: 'CHURNED_CUSTOMERS', grain: 'QUARTER', periodStart: Q2, value: 0.5 },
      { kpi: 'CHURNED_CUSTOMERS', grain: 'QUARTER', periodStart: Q2, tier: 'scale', value: 1 },
    ]);
    await must(server, editor, UPSERT_TARGETS, { rows: [{ kpi: 'MRR', grain: 'QUARTER', periodStart: Q2, tier: 'enterprise', value: 250 }] });

    const res = await must(
      server,
      viewer,
      `query($p: PeriodInput!) { kpiMatrix(metrics: [MRR, CHURNED_CUSTOMERS], period: $p) {
        rows { key total cells { kpi value target attainment status series { periodStart value target attainment status } } } } }`,
      { p: { grain: 'QUARTER', from: Q1, to: Q2 } },
    );
    const cell = (row: string | null, kpi: string) =>
      res.kpiMatrix.rows.find((r: { key: string | null; total: boolean }) => r.key === row && (row !== null || r.total)).cells.find((c: { kpi: string }) => c.kpi === kpi);
    // MRR at the end of June: alice 150 (strategic), carol 80 (growth), dave 300 (enterprise); 530 in all
    expect(cell(null, 'MRR')).toMatchObject({ value: 530, target: 500, attainment: 1.06, status: 'ON_TRACK' });
    // Q1 of the total row: 570 at the end of March (alice 150, bob 120, dave 300) against 600 → 0.95
    expect(cell(null, 'MRR').series[0]).toEqual({ periodStart: Q1, value: 570, target: 600, attainment: 0.95, status: 'AT_RISK' });
    expect(cell('growth', 'MRR')).toMatchObject({ value: 80, target: 100, attainment: 0.8, status: 'OFF_TRACK' });
    expect(cell('strategic', 'MRR')).toMatchObject({ value: 150, target: 160, attainment: 0.9375, status: 'AT_RISK' });
    // the enterprise target is only a draft
    expect(cell('enterprise', 'MRR')).toMatchObject({ value: 300, target: null, attainment: null, status: 'NO_TARGET' });
    // lower is better: bob churned in Q2 (1 against 0.5 → 0.5); scale churned nobody (0 against 1 → 2)
    expect(cell(null, 'CHURNED_CUSTOMERS')).toMatchObject({ value: 1, target: 0.5, attainment: 0.5, status: 'OFF_TRACK' });
    expect(cell('scale', 'CHURNED_CUSTOMERS')).toMatchObject({ value: 0, target: 1, attainment: 2, status: 'ON_TRACK' });

    const KPIS = `query($p: PeriodInput!, $g: [Dimension!], $f: SegmentFilter) { kpis(metrics: [MRR], period: $p, groupBy: $g, filter: $f) { group { tier segment } points { value target attainment } } }`;
    const p = { grain: 'QUARTER', from: Q2, to: Q2 };
    expect((await must(server, viewer, KPIS, { p })).kpis[0].points).toEqual([{ value: 530, target: 500, attainment: 1.06 }]);
    expect((await must(server, viewer, KPIS, { p, f: { tier: ['growth'] } })).kpis[0].points).toEqual([{ value: 80, target: 100, attainment: 0.8 }]);
    // a target is set for the workspace or a tier: a slice by segment has none
    const bySegment = (await must(server, viewer, KPIS, { p, g: ['SEGMENT'] })).kpis;
    expect(bySegment.every((s: { points: { target: number | null }[] }) => s.points[0].target === null)).toBe(true);
    // a KPI-source metric shows its KPI's series and targets
    await createMetric(server, admin, { key: 'mrr_metric', level: 'OUTCOME', kpi: 'MRR' });
    const metricValues = (await must(server, viewer, VALUES, { key: 'mrr_metric', p, f: { tier: ['growth'] } })).metric.values;
    expect(metricValues).toEqual([
      { group: { tier: null }, points: [{ periodStart: Q2, value: 80, target: 100, attainment: 0.8, status: 'OFF_TRACK' }] },
    ]);
    const byTier = (await must(server, viewer, KPIS, { p, g: ['TIER'] })).kpis;
    expect(byTier.find((s: { group: { tier: string } }) => s.group.tier === 'strategic').points).toEqual([{ value: 150, target: 160, attainment: 0.9375 }]);
  });
});
