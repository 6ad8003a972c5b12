import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';
import {
  RECORD_EVENTS,
  RECORD_INVOICES,
  RECORD_REVENUE,
  RECORD_COSTS,
  UPSERT_CUSTOMERS,
  UPSERT_PARTNERS,
  UPSERT_CAMPAIGNS,
  countRows,
  customerRow,
  ingest,
} from '../../helpers/facts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ apiKeyCacheSeconds: 10 }); // with cached keys, as in production
});
afterAll(async () => {
  await server.close();
});

/** Partners p1 and p2, customers a1, a2 (p1), b1 (p2) and d1 (direct), each with revenue and an event; a PARTNER key of p1. */
async function twoPartners() {
  const ws = await server.workspace();
  await ingest(server, ws.adminKey, UPSERT_PARTNERS, [{ externalId: 'p1', name: 'One' }, { externalId: 'p2', name: 'Two' }]);
  await ingest(server, ws.adminKey, UPSERT_CUSTOMERS, [
    customerRow('a1', { channel: 'PARTNER', partner: 'p1' }),
    customerRow('a2', { channel: 'PARTNER', partner: 'p1' }),
    customerRow('b1', { channel: 'PARTNER', partner: 'p2' }),
    customerRow('d1'),
  ]);
  const customers = ['a1', 'a2', 'b1', 'd1'];
  await ingest(server, ws.adminKey, RECORD_REVENUE, customers.map((c) => ({ customer: c, month: '2025-01-01', type: 'RECURRING', amount: 100 })));
  await ingest(server, ws.adminKey, RECORD_EVENTS, customers.map((c) => ({ externalId: `ev-${c}`, customer: c, type: 'EMAIL_OPEN', occurredAt: '2025-01-05T00:00:00Z' })));
  const partnerKey = await server.key(ws.adminKey, 'PARTNER', { partner: 'p1' });
  const ids = Object.fromEntries(
    (await server.dataSource.query(`SELECT external_id, id FROM customer WHERE workspace_id = $1`, [ws.id])).map((r: any) => [r.external_id, r.id]),
  ) as Record<string, string>;
  return { ws, partnerKey, ids };
}

describe('a PARTNER key reads only its own partner\'s customers', () => {
  it('in customers, customer, customerByExternalId and partners', async () => {
    const { partnerKey, ids } = await twoPartners();
    const list = await server.gql(`{ customers { totalCount edges { node { externalId revenue { amount } events { externalId } } } } }`, {}, partnerKey);
    expect(list.data!.customers).toEqual({
      totalCount: 2,
      edges: [
        { node: { externalId: 'a1', revenue: [{ amount: 100 }], events: [{ externalId: 'ev-a1' }] } },
        { node: { externalId: 'a2', revenue: [{ amount: 100 }], events: [{ externalId: 'ev-a2' }] } },
      ],
    });
    // Even when asking for the other partner explicitly.
    const filtered = await server.gql(`{ customers(filter: { partner: ["p2"] }) { totalCount } }`, {}, partnerKey);
    expect(filtered.data!.customers.totalCount).toBe(0);
    const one = `query($id: ID!) { customer(id: $id) { externalId } }`;
    expect((await server.gql(one, { id: ids.a1 }, partnerKey)).data).toEqual({ customer: { externalId: 'a1' } });
    expect(codeOf(await server.gql(one, { id: ids.b1 }, partnerKey))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(one, { id: ids.d1 }, partnerKey))).toBe('NOT_FOUND');
    const byExt = `query($x: String!) { customerByExternalId(externalId: $x) { externalId } }`;
    expect(codeOf(await server.gql(byExt, { x: 'b1' }, partnerKey))).toBe('NOT_FOUND');
    expect((await server.gql(byExt, { x: 'a2' }, partnerKey)).data).toEqual({ customerByExternalId: { externalId: 'a2' } });
    expect((await server.gql(`{ partners { externalId } }`, {}, partnerKey)).data).toEqual({ partners: [{ externalId: 'p1' }] });
  });
});

describe('a PARTNER key writes only for its own partner\'s customers', () => {
  it('rejects fact rows naming another partner\'s or a direct customer exactly as an unknown one, writing nothing', async () => {
    const { ws, partnerKey } = await twoPartners();
    const res = await server.gql(
      RECORD_REVENUE,
      {
        rows: [
          { customer: 'a1', month: '2025-02-01', type: 'RECURRING', amount: 120 },
          { customer: 'b1', month: '2025-02-01', type: 'RECURRING', amount: 120 },
          { customer: 'd1', month: '2025-02-01', type: 'RECURRING', amount: 120 },
          { customer: 'nobody', month: '2025-02-01', type: 'RECURRING', amount: 120 },
        ],
      },
      partnerKey,
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    // Another partner's customer, a direct one and one that does not exist: the same answer (no existence oracle).
    expect(res.errors![0].extensions.rows).toEqual([
      { index: 1, field: 'customer', reason: 'NOT_FOUND', message: 'no customer with external id "b1" in this workspace' },
      { index: 2, field: 'customer', reason: 'NOT_FOUND', message: 'no customer with external id "d1" in this workspace' },
      { index: 3, field: 'customer', reason: 'NOT_FOUND', message: 'no customer with external id "nobody" in this workspace' },
    ]);
    expect(await countRows(server, 'revenue', ws.id)).toBe(4);
    expect(await ingest(server, partnerKey, RECORD_REVENUE, [{ customer: 'a1', month: '2025-02-01', type: 'RECURRING', amount: 120 }]))
      .toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    await ingest(server, partnerKey, RECORD_INVOICES, [{ externalId: 'inv-a1', customer: 'a1', issuedOn: '2025-02-01', dueOn: '2025-03-01', amount: 120 }]);
  });

  it('cannot take over another partner\'s event by reusing its external id', async () => {
    const { partnerKey } = await twoPartners();
    const res = await server.gql(RECORD_EVENTS, { rows: [{ externalId: 'ev-b1', customer: 'a1', type: 'EMAIL_OPEN', occurredAt: '2025-01-05T00:00:00Z' }] }, partnerKey);
    expect(res.errors![0].extensions.rows).toEqual([
      {
        index: 0,
        field: 'externalId',
        reason: 'FORBIDDEN',
        message: 'the external id "ev-b1" is already used in this workspace by a fact this key cannot write; choose another',
      },
    ]);
  });

  it('upserts only customers of its partner, and cannot move another customer to itself', async () => {
    const { ws, partnerKey } = await twoPartners();
    const res = await server.gql(
      UPSERT_CUSTOMERS,
      {
        rows: [
          customerRow('a3', { channel: 'PARTNER', partner: 'p1' }),
          customerRow('b2', { channel: 'PARTNER', partner: 'p2' }),
          customerRow('d2'),
          customerRow('b1', { channel: 'PARTNER', partner: 'p1' }),
          customerRow('x1', { channel: 'PARTNER', partner: 'no-such-partner' }),
        ],
      },
      partnerKey,
    );
    expect(res.errors![0].extensions.rows.map((p: any) => `${p.index} ${p.field} ${p.reason}`)).toEqual([
      '1 partner FORBIDDEN',
      '2 partner FORBIDDEN',
      '3 externalId FORBIDDEN',
      '4 partner FORBIDDEN',
    ]);
    // Naming another partner (p2) or one that does not exist: the same words.
    const partnerMessages = res.errors![0].extensions.rows.filter((p: any) => p.field === 'partner').map((p: any) => p.message);
    expect(new Set(partnerMessages).size).toBe(1);
    expect(await countRows(server, 'customer', ws.id)).toBe(4);
    expect(await ingest(server, partnerKey, UPSERT_CUSTOMERS, [customerRow('a3', { channel: 'PARTNER', partner: 'p1' })])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
  });

  it('deletes only its own customers and their facts', async () => {
    const { ws, partnerKey, ids } = await twoPartners();
    const del = `mutation($id: ID!) { deleteCustomer(id: $id) { externalId revenue events } }`;
    expect(codeOf(await server.gql(del, { id: ids.b1 }, partnerKey))).toBe('NOT_FOUND');
    expect((await server.gql(del, { id: ids.a2 }, partnerKey)).data).toEqual({ deleteCustomer: { externalId: 'a2', revenue: 1, events: 1 } });
    const facts = await server.gql(`mutation { deleteFacts(kind: EVENT, externalIds: ["ev-a1", "ev-b1"]) { deleted notFound } }`, {}, partnerKey);
    expect(facts.data).toEqual({ deleteFacts: { deleted: 1, notFound: ['ev-b1'] } });
    expect(await countRows(server, 'event', ws.id)).toBe(2);
  });

  it('may not write costs, campaigns or partners', async () => {
    const { partnerKey } = await twoPartners();
    expect(codeOf(await server.gql(RECORD_COSTS, { rows: [] }, partnerKey))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(UPSERT_CAMPAIGNS, { rows: [] }, partnerKey))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(UPSERT_PARTNERS, { rows: [] }, partnerKey))).toBe('FORBIDDEN');
  });
});

describe("a PARTNER key reads KPIs over its own partner's customers only (a partner portal)", () => {
  const KPIS = `query($filter: SegmentFilter, $groupBy: [Dimension!]) {
    kpis(metrics: [MRR, ACTIVE_CUSTOMERS], period: { grain: MONTH, from: "2025-01-01", to: "2025-01-01" }, groupBy: $groupBy, filter: $filter) {
      kpi group { partner channel } points { value target attainment status }
    }
  }`;
  const values = (res: { data?: any }) =>
    Object.fromEntries(res.data!.kpis.map((s: any) => [`${s.kpi}${s.group.partner ? ` ${s.group.partner}` : ''}`, s.points[0].value]));

  async function withTarget() {
    const setup = await twoPartners();
    const target = await server.gql(
      `mutation { upsertTargets(rows: [{ kpi: MRR, grain: MONTH, periodStart: "2025-01-01", value: 1000 }]) { inserted } }`,
      {},
      setup.ws.adminKey,
    );
    expect(target.errors).toBeUndefined();
    await server.gql(`mutation { approveTargets(keys: [{ kpi: MRR, grain: MONTH, periodStart: "2025-01-01" }]) { id } }`, {}, setup.ws.adminKey);
    return setup;
  }

  it('kpis: its customers only, grouped by PARTNER its own partner only, and no target of the workspace', async () => {
    const { ws, partnerKey } = await withTarget();
    // The workspace's own view: four customers paying 100 each, against the approved target of 1000.
    const admin = await server.gql(KPIS, {}, ws.adminKey);
    expect(values(admin)).toEqual({ MRR: 400, ACTIVE_CUSTOMERS: 4 });
    expect(admin.data!.kpis[0].points[0]).toMatchObject({ target: 1000, status: 'OFF_TRACK' });

    const own = await server.gql(KPIS, {}, partnerKey);
    expect(values(own)).toEqual({ MRR: 200, ACTIVE_CUSTOMERS: 2 });
    expect(own.data!.kpis[0].points[0]).toEqual({ value: 200, target: null, attainment: null, status: 'NO_TARGET' });
    expect(values(await server.gql(KPIS, { groupBy: ['PARTNER'] }, partnerKey))).toEqual({ 'MRR p1': 200, 'ACTIVE_CUSTOMERS p1': 2 });
    const byChannel = await server.gql(KPIS, { groupBy: ['CHANNEL'] }, partnerKey);
    expect(byChannel.data!.kpis.map((s: any) => s.group.channel)).toEqual(['PARTNER', 'PARTNER']); // no DIRECT group
  });

  it("another partner's external id in a filter answers exactly as an unknown one", async () => {
    const { partnerKey } = await withTarget();
    const other = await server.gql(KPIS, { filter: { partner: ['p2'] } }, partnerKey);
    const unknown = await server.gql(KPIS, { filter: { partner: ['no-such-partner'] } }, partnerKey);
    expect(other.data).toEqual(unknown.data);
    expect(values(other)).toEqual({ MRR: 0, ACTIVE_CUSTOMERS: 0 });
    expect(values(await server.gql(KPIS, { filter: { partner: ['p1', 'p2'] } }, partnerKey))).toEqual({ MRR: 200, ACTIVE_CUSTOMERS: 2 });
  });

  it('kpiMatrix and customerEquity: its customers only; indicatorImpact and phaseFunnel are not its to read', async () => {
    const { partnerKey } = await withTarget();
    const matrix = await server.gql(
      `{ kpiMatrix(metrics: [MRR], period: { grain: MONTH, from: "2025-01-01", to: "2025-01-01" }, rows: PARTNER) { rows { key total cells { value target } } } }`,
      {},
      partnerKey,
    );
    expect(matrix.data!.kpiMatrix.rows).toEqual([
      { key: 'p1', total: false, cells: [{ value: 200, target: null }] },
      { key: null, total: true, cells: [{ value: 200, target: null }] },
    ]);
    const equity = await server.gql(
      `{ customerEquity(period: { grain: MONTH, from: "2025-01-01", to: "2025-01-01" }) { points { existingRevenue newCustomers } } }`,
      {},
      partnerKey,
    );
    expect(equity.data!.customerEquity[0].points[0]).toEqual({ existingRevenue: 0, newCustomers: 2 });
    for (const query of [
      `{ indicatorImpact(indicators: [CSAT], outcome: NEXT_PERIOD_CHURNED, period: { grain: MONTH, from: "2025-01-01", to: "2025-01-01" }) { n } }`,
      `{ journeys { id } }`,
      `{ metrics { key } }`,
      `{ owners { email } }`,
      `{ targets { value } }`,
    ]) {
      expect(codeOf(await server.gql(query, {}, partnerKey))).toBe('FORBIDDEN');
    }
  });
});

describe("another partner's ids answer exactly as unknown ones (no existence oracle)", () => {
  it('in customer, customerByExternalId, deleteCustomer, deleteFacts and deleteRevenue', async () => {
    const { partnerKey, ids } = await twoPartners();
    const unknownId = '6f0c3c7e-7d1e-4c59-9d43-3f1d2a9b8c01';
    const same = async (query: string, theirs: Record<string, unknown>, unknown: Record<string, unknown>, mask: [string, string]) => {
      const a = await server.gql(query, theirs, partnerKey);
      const b = await server.gql(query, unknown, partnerKey);
      expect(a.status).toBe(b.status);
      expect(JSON.stringify({ data: a.data, errors: a.errors }).split(mask[0]).join('<id>')).toBe(
        JSON.stringify({ data: b.data, errors: b.errors }).split(mask[1]).join('<id>'),
      );
      return a;
    };
    for (const theirs of [ids.b1, ids.d1]) {
      const res = await same(`query($id: ID!) { customer(id: $id) { id } }`, { id: theirs }, { id: unknownId }, [theirs, unknownId]);
      expect(codeOf(res)).toBe('NOT_FOUND');
      await same(`mutation($id: ID!) { deleteCustomer(id: $id) { id } }`, { id: theirs }, { id: unknownId }, [theirs, unknownId]);
    }
    await same(`query($x: String!) { customerByExternalId(externalId: $x) { id } }`, { x: 'b1' }, { x: 'zz9' }, ['b1', 'zz9']);
    await same(`mutation($x: [String!]!) { deleteFacts(kind: EVENT, externalIds: $x) { deleted notFound } }`, { x: ['ev-b1'] }, { x: ['ev-zz'] }, ['ev-b1', 'ev-zz']);
    await same(
      `mutation($k: [RevenueKeyInput!]!) { deleteRevenue(keys: $k) { deleted notFound } }`,
      { k: [{ customer: 'b1', month: '2025-01-01', type: 'RECURRING' }] },
      { k: [{ customer: 'zz9', month: '2025-01-01', type: 'RECURRING' }] },
      ['b1', 'zz9'],
    );
    await same(
      RECORD_REVENUE,
      { rows: [{ customer: 'b1', month: '2025-03-01', type: 'RECURRING', amount: 1 }] },
      { rows: [{ customer: 'zz9', month: '2025-03-01', type: 'RECURRING', amount: 1 }] },
      ['b1', 'zz9'],
    );
  });
});

describe('the nested paths of the review are closed to PARTNER and INGEST keys', () => {
  it("customer → events → phase → successMetrics → parents → parent → values(groupBy: [PARTNER]) is FORBIDDEN (was: every partner's equity)", async () => {
    const { ws, partnerKey, ids } = await twoPartners();
    const journey = await server.gql(`mutation { createJourney(input: { name: "Lifecycle", template: B2B_LIFECYCLE }) { phases { id key } } }`, {}, ws.adminKey);
    const contact = journey.data!.createJourney.phases.find((p: { key: string }) => p.key === 'contact').id;
    const metric = await server.gql(
      `mutation($input: CreateMetricInput!) { createMetric(input: $input) { key } }`,
      { input: { key: 'webinars', name: 'Webinars', level: 'ACTIVITY', indicatorKind: 'LEADING', source: 'OBSERVED', unit: 'COUNT', direction: 'HIGHER_IS_BETTER', phaseId: contact } },
      ws.adminKey,
    );
    expect(metric.errors).toBeUndefined();
    const link = await server.gql(`mutation { linkMetrics(input: { child: "webinars", parent: "customer_equity", weight: 1 }) { weight } }`, {}, ws.adminKey);
    expect(link.errors).toBeUndefined();
    await ingest(server, ws.adminKey, RECORD_EVENTS, [
      { externalId: 'enter-a1', customer: 'a1', type: 'PHASE_ENTERED', occurredAt: '2025-01-02T00:00:00Z', phase: 'contact' },
    ]);
    const path = `query($id: ID!) { customer(id: $id) { events { phase { key successMetrics { parents { parent {
      values(period: { grain: MONTH, from: "2025-01-01", to: "2025-01-01" }, groupBy: [PARTNER]) { group { partner } points { value } } } } } } } } }`;
    // The workspace's staff read the path: one group per partner and the direct customers.
    const viewer = await server.key(ws.adminKey, 'VIEWER');
    const staff = await server.gql(path, { id: ids.a1 }, viewer);
    expect(staff.errors).toBeUndefined();
    for (const [key, scoped] of [['PARTNER', partnerKey], ['INGEST', await server.key(ws.adminKey, 'INGEST')]] as const) {
      const res = await server.gql(path, { id: ids.a1 }, scoped);
      expect(res.errors?.map((e) => [e.extensions.code, e.path?.slice(-1)[0]])).toEqual([['FORBIDDEN', 'successMetrics']]);
      expect(res.errors![0].message).toBe(`A ${key} key may not read "Phase.successMetrics"; it needs one of: ADMIN, EDITOR, FINANCE, VIEWER.`);
      expect(JSON.stringify(res.data)).not.toMatch(/p2|values|partner/);
      // What facts name stays readable: the phase of its customer's event, by key.
      const own = await server.gql(`query($id: ID!) { customer(id: $id) { currentPhase { key name } events { phase { key } } } }`, { id: ids.a1 }, scoped);
      expect(own.errors).toBeUndefined();
      expect(own.data!.customer.currentPhase.key).toBe('contact');
      for (const denied of ['owner { email }', 'journey { name }', 'scorecard(period: { grain: MONTH, from: "2025-01-01", to: "2025-01-01" }) { meanAttainment }', 'successDefinition']) {
        const res2 = await server.gql(`query($id: ID!) { customer(id: $id) { currentPhase { key ${denied} } } }`, { id: ids.a1 }, scoped);
        expect(res2.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      }
    }
  });
});
