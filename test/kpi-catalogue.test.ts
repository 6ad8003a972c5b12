import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from './helpers/test-server';
import { UPSERT_PARTNERS, ingest } from './helpers/facts';
import { CREATE_METRIC } from './helpers/metrics';
import { KPI_KEYS, KPIS, KpiKey, type KpiDeclaration } from '../src/modules/kpi/catalogue/kpi.definitions';
import { MEASURES, isAdditive, type Measure } from '../src/modules/kpi/catalogue/measures';
import { compileKpiQuery, measuresOf } from '../src/modules/kpi/compiler/kpi.compiler';
import { perCustomerSql } from '../src/modules/kpi/compiler/measure.sql';
import { periodsBetween } from '../src/core/period.calculator';
import { Grain } from '../src/modules/kpi/catalogue/kpi.enums';
import { KPI_DOCS, withKpiCatalogue } from '../scripts/kpi-catalogue-docs';

/** The KPI catalogue: one declaration per KPI, from which the SQL, the API's catalogue and docs/kpis.md are made. */

const LEADING = ['CSAT', 'NPS', 'TICKETS_PER_CUSTOMER', 'REFERENCE_CALLS', 'DSO', 'SERVICES_ATTACH_RATE', 'TIME_TO_VALUE_DAYS', 'CONTENT_ENGAGEMENT_RATE'];

describe('the catalogue declarations', () => {
  it('compile each measure to the aggregate its declaration says', () => {
    const sql = (name: keyof typeof MEASURES) => perCustomerSql(MEASURES[name] as Measure);
    expect(sql('active_customers')).toBe('max(CASE WHEN mrr_e > 0 THEN 1 ELSE 0 END)');
    expect(sql('churned_customers')).toBe('max(CASE WHEN mrr_b > 0 AND mrr_e = 0 THEN 1 ELSE 0 END)');
    expect(sql('contraction_mrr')).toBe('coalesce(sum(greatest(0, mrr_b - mrr_e)) FILTER (WHERE mrr_b > 0 AND mrr_e > 0), 0)');
    expect(sql('reactivation_mrr')).toBe('coalesce(sum(mrr_e) FILTER (WHERE mrr_b <= 0 AND first_month < s AND mrr_e > 0), 0)');
    expect(sql('ttm_delivery_cost')).toBe("coalesce(sum(amount) FILTER (WHERE category IN ('COGS', 'SERVICING')), 0)");
    expect(sql('receivables')).toBe('coalesce(sum(amount) FILTER (WHERE (paid_on IS NULL OR paid_on > last_day)), 0)');
    expect(sql('services_attached_customers')).toBe(
      'CASE WHEN coalesce(sum(recurring) FILTER (WHERE in_p), 0) > 0 AND coalesce(sum(services) FILTER (WHERE in_p), 0) > 0 THEN 1 ELSE 0 END',
    );
    expect(sql('nps_detractors')).toBe("count(*) FILTER (WHERE kind = 'NPS' AND score <= 6)");
    expect(sql('time_to_value_days')).toBe('min(ttv_days)');
  });

  it('read only the event types the measures of a query count (no list to keep up to date by hand)', () => {
    const eventsOf = (outputs: KpiKey[]) => {
      const { sql } = compileKpiQuery({
        workspaceId: '00000000-0000-0000-0000-000000000000',
        periods: periodsBetween(Grain.MONTH, '2025-01-01', '2025-01-01', 1),
        dataCompleteThrough: '2025-01-01',
        outputs,
        groupBy: [],
        filter: {},
      });
      return sql.match(/ev\.type IN \(([^)]*)\)/)?.[1] ?? null;
    };
    expect(eventsOf([KpiKey.TICKETS_PER_CUSTOMER])).toBe("'SUPPORT_TICKET'");
    expect(eventsOf([KpiKey.CONTENT_ENGAGEMENT_RATE, KpiKey.REFERENCE_CALLS])).toBe("'CONTENT_DOWNLOAD', 'CONTENT_SHARE', 'REFERENCE_CALL'");
    expect(eventsOf([KpiKey.MRR])).toBeNull();
  });

  it('call a KPI additive only when every measure it stands on is', () => {
    for (const key of KPI_KEYS) {
      const declaration: KpiDeclaration = KPIS[key];
      if (!declaration.additive) continue;
      const notAdditive = [...measuresOf(key)].filter((m) => !isAdditive(MEASURES[m] as Measure));
      expect({ key, notAdditive }).toEqual({ key, notAdditive: [] });
    }
  });

  it('give every KPI a name, a description, a formula in words and a reason for its indicator kind', () => {
    for (const key of KPI_KEYS) {
      const d: KpiDeclaration = KPIS[key];
      for (const text of [d.name, d.description, d.formula, d.indicatorReason]) expect(text.length).toBeGreaterThan(3);
      // Words, not the notation of a definitions file: no set-builder or summation signs.
      expect(`${key}: ${d.formula}`).not.toMatch(/[Σ∈∉{}|]/);
    }
    expect(KPI_KEYS.filter((key) => KPIS[key].indicator === 'LEADING').sort()).toEqual([...LEADING].sort());
  });

  it('are published in docs/kpis.md as `npm run docs:kpis` writes them', () => {
    const page = fs.readFileSync(path.join(__dirname, '..', KPI_DOCS), 'utf8');
    expect(withKpiCatalogue(page) === page ? 'current' : 'stale: run npm run docs:kpis').toBe('current');
    for (const key of KPI_KEYS) expect(page).toContain(`| \`${key}\` |`);
  });
});

describe('kpiCatalog', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const CATALOG = `{ kpiCatalog { key name description formula unit direction indicator additive section } }`;

  it('is the same for every role, PARTNER and INGEST included, and refuses a request without a key', async () => {
    const ws = await server.workspace();
    await ingest(server, ws.adminKey, UPSERT_PARTNERS, [{ externalId: 'p1', name: 'One' }]);
    const keys = [ws.adminKey];
    for (const role of ['EDITOR', 'FINANCE', 'VIEWER', 'INGEST']) keys.push(await server.key(ws.adminKey, role));
    keys.push(await server.key(ws.adminKey, 'PARTNER', { partner: 'p1' }));
    const answers = [];
    for (const key of keys) {
      const res = await server.gql(CATALOG, {}, key);
      expect(res.errors).toBeUndefined();
      answers.push(res.data!.kpiCatalog);
    }
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toHaveLength(34);
    expect((await server.gql(CATALOG)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('describes each KPI as a dashboard labels it', async () => {
    const { adminKey } = await server.workspace();
    const catalog = (await server.gql(CATALOG, {}, adminKey)).data!.kpiCatalog as Record<string, unknown>[];
    const byKey = new Map(catalog.map((d) => [d.key, d]));
    expect(catalog.map((d) => d.key)).toEqual(KPI_KEYS);
    expect(byKey.get('NRR')).toEqual({
      key: 'NRR',
      name: 'Net revenue retention',
      description: expect.stringContaining('base month'),
      formula: expect.stringContaining('÷'),
      unit: 'PERCENT',
      direction: 'HIGHER_IS_BETTER',
      indicator: 'TRAILING',
      additive: false,
      section: 'RECURRING_REVENUE',
    });
    expect(byKey.get('DSO')).toMatchObject({ unit: 'DAYS', direction: 'LOWER_IS_BETTER', indicator: 'LEADING', additive: false, section: 'LEADING_INDICATORS' });
    expect(byKey.get('REFERENCE_CALLS')).toMatchObject({ unit: 'COUNT', indicator: 'LEADING', additive: true });
    expect(byKey.get('CUSTOMER_EQUITY')).toMatchObject({ indicator: 'TRAILING', additive: true, section: 'CUSTOMER_EQUITY' });
    expect(catalog.filter((d) => d.indicator === 'LEADING').map((d) => d.key)).toEqual(LEADING);
  });

  it("gives a KPI-source metric its KPI's indicator kind: omitted, taken; the same, accepted; another, refused", async () => {
    const { adminKey } = await server.workspace();
    const create = (input: Record<string, unknown>) => server.gql(CREATE_METRIC, { input: { level: 'OUTCOME', name: 'x', ...input } }, adminKey);

    const csat = await create({ key: 'csat_metric', source: 'KPI', kpi: 'CSAT' });
    expect(csat.data!.createMetric).toMatchObject({ indicatorKind: 'LEADING', unit: 'PERCENT' });
    const same = await create({ key: 'nrr_metric', source: 'KPI', kpi: 'NRR', indicatorKind: 'TRAILING' });
    expect(same.data!.createMetric.indicatorKind).toBe('TRAILING');

    const wrong = await create({ key: 'dso_metric', source: 'KPI', kpi: 'DSO', indicatorKind: 'TRAILING' });
    expect(wrong.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(wrong.errors![0].extensions.fields).toEqual([
      { path: 'indicatorKind', message: 'DSO is a LEADING indicator in the KPI catalogue; omit indicatorKind or give LEADING' },
    ]);
    const bare = await create({ key: 'webinars', source: 'OBSERVED', unit: 'COUNT', direction: 'HIGHER_IS_BETTER' });
    expect(bare.errors![0].extensions.fields).toEqual([{ path: 'indicatorKind', message: 'an OBSERVED metric needs an indicatorKind, LEADING or TRAILING' }]);

    const update = await server.gql(
      `mutation { updateMetric(key: "csat_metric", input: { indicatorKind: TRAILING }) { indicatorKind } }`,
      {},
      adminKey,
    );
    expect(update.errors![0].extensions.fields).toEqual([
      { path: 'indicatorKind', message: 'a KPI source takes its indicator kind from the KPI catalogue: CSAT is LEADING' },
    ]);
  });
});
