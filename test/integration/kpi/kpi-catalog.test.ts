import { startTestServer, type TestServer } from '../../helpers/test-server';
import { UPSERT_PARTNERS, ingest } from '../../helpers/facts';
import { CREATE_METRIC } from '../../helpers/metrics';
import { KPI_KEYS } from '../../../src/modules/kpi/catalogue/kpi.definitions';

/** `kpiCatalog` through the API, and the indicator kind a KPI-source metric takes from it. */

// In catalogue order: the order section's leading KPIs come before the leading indicators section.
const LEADING = [
  'REFUND_RATE', 'PURCHASE_FREQUENCY', 'REPEAT_PURCHASE_RATE',
  'CSAT', 'NPS', 'TICKETS_PER_CUSTOMER', 'REFERENCE_CALLS', 'DSO', 'SERVICES_ATTACH_RATE', 'TIME_TO_VALUE_DAYS', 'CONTENT_ENGAGEMENT_RATE',
];

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
    expect(answers[0]).toHaveLength(39);
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
    expect(byKey.get('ORDERS')).toMatchObject({ unit: 'COUNT', indicator: 'TRAILING', additive: true, section: 'ORDERS' });
    expect(byKey.get('REFUND_RATE')).toMatchObject({ unit: 'PERCENT', direction: 'LOWER_IS_BETTER', indicator: 'LEADING', additive: false });
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
