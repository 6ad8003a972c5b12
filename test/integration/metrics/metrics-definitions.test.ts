import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';
import { CREATE_METRIC, LINK, METRIC_FIELDS, createMetric, link, must } from '../../helpers/metrics';

const METRIC = `query($key: String!) { metric(key: $key) { ${METRIC_FIELDS}
  parents { weight parent { key } } children { weight child { key } } } }`;
const DELETE = `mutation($key: String!, $force: Boolean) { deleteMetric(key: $key, force: $force) { key linksRemoved } }`;

/** Metric definitions, the level rule of links, deletion rules, roles and workspace isolation. */
describe('metrics and links', () => {
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer();
    ({ adminKey: admin } = await server.workspace());
  });
  afterAll(() => server.close());

  it('gives every new workspace the customer_equity metric at level EQUITY, computed from the CUSTOMER_EQUITY KPI', async () => {
    const { metrics } = await must(server, admin, `{ metrics { key level source kpi unit direction indicatorKind } }`);
    expect(metrics).toEqual([
      { key: 'customer_equity', level: 'EQUITY', source: 'KPI', kpi: 'CUSTOMER_EQUITY', unit: 'CURRENCY', direction: 'HIGHER_IS_BETTER', indicatorKind: 'TRAILING' },
    ]);
  });

  it('refuses to delete customer_equity, and keeps EQUITY for it alone', async () => {
    const del = await server.gql(DELETE, { key: 'customer_equity', force: true }, admin);
    expect(codeOf(del)).toBe('CONFLICT');
    expect(del.errors![0].message).toMatch(/cannot be deleted/);
    const second = await server.gql(CREATE_METRIC, { input: { key: 'equity_two', name: 'x', level: 'EQUITY', indicatorKind: 'TRAILING', source: 'KPI', kpi: 'MRR' } }, admin);
    expect(codeOf(second)).toBe('BAD_USER_INPUT');
    expect(second.errors![0].extensions.fields).toEqual([{ path: 'level', message: expect.stringMatching(/reserved for "customer_equity"/) }]);
    const demote = await server.gql(`mutation { updateMetric(key: "customer_equity", input: { level: OUTCOME }) { key } }`, {}, admin);
    expect(codeOf(demote)).toBe('BAD_USER_INPUT');
  });

  it('takes unit and direction from the KPI of a KPI source, and requires them for an OBSERVED metric', async () => {
    const cac = await createMetric(server, admin, { key: 'cac_metric', level: 'OUTCOME', kpi: 'CAC' });
    expect(cac.createMetric).toMatchObject({ key: 'cac_metric', source: 'KPI', kpi: 'CAC', unit: 'CURRENCY', direction: 'LOWER_IS_BETTER' });

    const wrongUnit = await server.gql(CREATE_METRIC, { input: { key: 'nrr_x', name: 'x', level: 'OUTCOME', indicatorKind: 'TRAILING', source: 'KPI', kpi: 'NRR', unit: 'COUNT' } }, admin);
    expect(wrongUnit.errors![0].extensions.fields).toEqual([{ path: 'unit', message: 'NRR is in PERCENT; omit unit or give PERCENT' }]);

    const bare = await server.gql(CREATE_METRIC, { input: { key: 'webinars_x', name: 'x', level: 'ACTIVITY', indicatorKind: 'LEADING', source: 'OBSERVED' } }, admin);
    expect(bare.errors![0].extensions.fields.map((f: { path: string }) => f.path)).toEqual(['unit', 'direction']);

    const duplicate = await server.gql(CREATE_METRIC, { input: { key: 'cac_metric', name: 'again', level: 'OUTCOME', indicatorKind: 'TRAILING', source: 'KPI', kpi: 'CAC' } }, admin);
    expect(codeOf(duplicate)).toBe('CONFLICT');
  });

  it('filters metrics by level, phase and owner', async () => {
    const { adminKey } = await server.workspace();
    await must(server, adminKey, `mutation { createJourney(input: { name: "J", template: B2B_LIFECYCLE }) { id } }`);
    const { journeys } = await must(server, adminKey, `{ journeys { phases { id key } } }`);
    const contact = journeys[0].phases.find((p: { key: string }) => p.key === 'contact').id;
    const { createOwner } = await must(server, adminKey, `mutation { createOwner(input: { name: "Demand", function: MARKETING }) { id } }`);
    await createMetric(server, adminKey, { key: 'webinars', level: 'ACTIVITY', phaseId: contact });
    await createMetric(server, adminKey, { key: 'downloads', level: 'ACTIVITY', ownerId: createOwner.id });
    await createMetric(server, adminKey, { key: 'opportunities', level: 'OUTPUT', phaseId: contact, ownerId: createOwner.id });
    const keys = async (filter: Record<string, unknown>) =>
      (await must(server, adminKey, `query($f: MetricFilter) { metrics(filter: $f) { key } }`, { f: filter })).metrics.map((m: { key: string }) => m.key);
    expect(await keys({})).toEqual(['customer_equity', 'opportunities', 'downloads', 'webinars']); // highest level first, then key
    expect(await keys({ level: ['ACTIVITY'] })).toEqual(['downloads', 'webinars']);
    expect(await keys({ phaseId: contact })).toEqual(['opportunities', 'webinars']);
    expect(await keys({ ownerId: createOwner.id })).toEqual(['opportunities', 'downloads']);
    const { phase } = await must(server, adminKey, `query($id: ID!) { phase(id: $id) { successMetrics { key } } }`, { id: contact });
    expect(phase.successMetrics.map((m: { key: string }) => m.key)).toEqual(['opportunities', 'webinars']);
  });

  describe('the level rule', () => {
    let key: string;
    beforeAll(async () => {
      ({ adminKey: key } = await server.workspace());
      await createMetric(server, key, { key: 'nrr', level: 'OUTCOME', kpi: 'NRR' });
      await createMetric(server, key, { key: 'opportunities', level: 'OUTPUT' });
      await createMetric(server, key, { key: 'webinars', level: 'ACTIVITY' });
      await createMetric(server, key, { key: 'downloads', level: 'ACTIVITY' });
    });

    it.each([
      ['webinars', 'downloads', 'an ACTIVITY metric ("webinars") links only to a parent of a higher level (EQUITY, OUTCOME, OUTPUT); "downloads" is ACTIVITY'],
      ['nrr', 'opportunities', 'an OUTCOME metric ("nrr") links only to a parent of a higher level (EQUITY); "opportunities" is OUTPUT'],
      ['opportunities', 'webinars', 'an OUTPUT metric ("opportunities") links only to a parent of a higher level (EQUITY, OUTCOME); "webinars" is ACTIVITY'],
      ['customer_equity', 'nrr', '"customer_equity" is EQUITY, the top of every chain: it links to no parent'],
      ['webinars', 'webinars', 'an ACTIVITY metric ("webinars") links only to a parent of a higher level (EQUITY, OUTCOME, OUTPUT); "webinars" is ACTIVITY'],
    ])('refuses %s → %s, saying which levels may be linked', async (child, parent, message) => {
      const res = await server.gql(LINK, { input: { child, parent } }, key);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.fields).toEqual([{ path: 'parent', message }]);
    });

    it('links a child to any higher level with a weight (default 1), shows links both ways, re-weights and unlinks', async () => {
      expect((await link(server, key, 'webinars', 'opportunities')).linkMetrics).toEqual({ weight: 1, child: { key: 'webinars' }, parent: { key: 'opportunities' } });
      await link(server, key, 'webinars', 'nrr', 0.5); // an activity may skip a level
      await link(server, key, 'opportunities', 'nrr', 2);
      await link(server, key, 'nrr', 'customer_equity');
      const again = await server.gql(LINK, { input: { child: 'webinars', parent: 'nrr' } }, key);
      expect(codeOf(again)).toBe('CONFLICT');
      const zero = await server.gql(LINK, { input: { child: 'downloads', parent: 'nrr', weight: 0 } }, key);
      expect(zero.errors![0].extensions.fields).toEqual([{ path: 'weight', message: 'weight must be greater than 0 and at most 1,000,000; got 0' }]);

      const nrr = (await must(server, key, METRIC, { key: 'nrr' })).metric;
      expect(nrr.parents).toEqual([{ weight: 1, parent: { key: 'customer_equity' } }]);
      expect(nrr.children).toEqual([{ weight: 0.5, child: { key: 'webinars' } }, { weight: 2, child: { key: 'opportunities' } }]);

      await must(server, key, `mutation { reweightMetricLink(input: { child: "webinars", parent: "nrr", weight: 4 }) { weight } }`);
      await must(server, key, `mutation { unlinkMetrics(child: "webinars", parent: "opportunities") }`);
      const webinars = (await must(server, key, METRIC, { key: 'webinars' })).metric;
      expect(webinars.parents).toEqual([{ weight: 4, parent: { key: 'nrr' } }]);
      const gone = await server.gql(`mutation { unlinkMetrics(child: "webinars", parent: "opportunities") }`, {}, key);
      expect(codeOf(gone)).toBe('NOT_FOUND');
    });

    it('refuses a level change that would break a link, naming it', async () => {
      await link(server, key, 'downloads', 'opportunities');
      // OUTPUT → ACTIVITY would put it level with its child downloads
      const res = await server.gql(`mutation { updateMetric(key: "opportunities", input: { level: ACTIVITY }) { key } }`, {}, key);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.fields[0].message).toBe(
        'as ACTIVITY its links would break the level rule: an ACTIVITY metric ("downloads") links only to a parent of a higher level (EQUITY, OUTCOME, OUTPUT); "opportunities" is ACTIVITY; unlink them first',
      );
      // OUTPUT → OUTCOME would put it level with its parent nrr
      const up = await server.gql(`mutation { updateMetric(key: "opportunities", input: { level: OUTCOME, name: "Qualified opportunities" }) { key } }`, {}, key);
      expect(up.errors![0].extensions.fields[0].message).toMatch(/"nrr" is OUTCOME/);
      const rename = await must(server, key, `mutation { updateMetric(key: "opportunities", input: { name: "Qualified opportunities" }) { name level } }`);
      expect(rename.updateMetric).toEqual({ name: 'Qualified opportunities', level: 'OUTPUT' });
    });

    it('refuses to delete a linked metric, listing the links that hold it, unless forced', async () => {
      const res = await server.gql(DELETE, { key: 'nrr' }, key);
      expect(codeOf(res)).toBe('CONFLICT');
      expect(res.errors![0].extensions.links).toEqual([
        { child: 'nrr', parent: 'customer_equity' },
        { child: 'opportunities', parent: 'nrr' },
        { child: 'webinars', parent: 'nrr' },
      ]);
      expect(res.errors![0].message).toMatch(/held by 3 link\(s\): nrr → customer_equity, opportunities → nrr, webinars → nrr/);
      await must(server, key, `mutation { unlinkMetrics(child: "downloads", parent: "opportunities") }`);
      expect((await must(server, key, DELETE, { key: 'downloads' })).deleteMetric).toEqual({ key: 'downloads', linksRemoved: 0 });
      expect((await must(server, key, DELETE, { key: 'nrr', force: true })).deleteMetric).toEqual({ key: 'nrr', linksRemoved: 3 });
      const ce = (await must(server, key, METRIC, { key: 'customer_equity' })).metric;
      expect(ce.children).toEqual([]);
      expect((await must(server, key, METRIC, { key: 'webinars' })).metric.parents).toEqual([]);
    });
  });

  it("keeps workspaces apart: another workspace's metric key is NOT_FOUND", async () => {
    const other = await server.workspace();
    await createMetric(server, other.adminKey, { key: 'secret_metric', level: 'OUTPUT' });
    const res = await server.gql(METRIC, { key: 'secret_metric' }, admin);
    expect(codeOf(res)).toBe('NOT_FOUND');
    expect(res.errors![0].message).toBe('No metric with key "secret_metric" in this workspace.');
    const linked = await server.gql(LINK, { input: { child: 'secret_metric', parent: 'customer_equity' } }, admin);
    expect(codeOf(linked)).toBe('NOT_FOUND');
    const chain = await server.gql(`{ metricChain(rootKey: "secret_metric", period: { grain: MONTH, from: "2025-01-01", to: "2025-01-01" }) { tier } }`, {}, admin);
    expect(codeOf(chain)).toBe('NOT_FOUND');
    const del = await server.gql(DELETE, { key: 'secret_metric' }, admin);
    expect(codeOf(del)).toBe('NOT_FOUND');
  });

  it('lets EDITOR keys edit metrics and links, and READ roles only read', async () => {
    const editor = await server.key(admin, 'EDITOR');
    const viewer = await server.key(admin, 'VIEWER');
    const finance = await server.key(admin, 'FINANCE');
    await createMetric(server, editor, { key: 'edited_by_editor', level: 'OUTPUT' });
    for (const k of [viewer, finance]) {
      const res = await server.gql(CREATE_METRIC, { input: { key: 'nope', name: 'x', level: 'OUTPUT', indicatorKind: 'LEADING', source: 'OBSERVED', unit: 'COUNT', direction: 'HIGHER_IS_BETTER' } }, k);
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect((await server.gql(`{ metrics { key } }`, {}, k)).errors).toBeUndefined();
    }
    const ingest = await server.key(admin, 'INGEST');
    expect(codeOf(await server.gql(`{ metrics { key } }`, {}, ingest))).toBe('FORBIDDEN');
  });
});
