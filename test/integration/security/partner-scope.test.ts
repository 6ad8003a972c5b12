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
  server = await startTestServer();
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
  it('rejects fact rows naming another partner\'s or a direct customer as FORBIDDEN, writing nothing', async () => {
    const { ws, partnerKey } = await twoPartners();
    const res = await server.gql(
      RECORD_REVENUE,
      {
        rows: [
          { customer: 'a1', month: '2025-02-01', type: 'RECURRING', amount: 120 },
          { customer: 'b1', month: '2025-02-01', type: 'RECURRING', amount: 120 },
          { customer: 'd1', month: '2025-02-01', type: 'RECURRING', amount: 120 },
        ],
      },
      partnerKey,
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.rows).toEqual([
      { index: 1, field: 'customer', reason: 'FORBIDDEN', message: 'customer "b1" is not a customer of this key\'s partner' },
      { index: 2, field: 'customer', reason: 'FORBIDDEN', message: 'customer "d1" is not a customer of this key\'s partner' },
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
      { index: 0, field: 'externalId', reason: 'FORBIDDEN', message: '"ev-b1" belongs to a customer of another partner' },
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
        ],
      },
      partnerKey,
    );
    expect(res.errors![0].extensions.rows.map((p: any) => `${p.index} ${p.field} ${p.reason}`)).toEqual([
      '1 partner FORBIDDEN',
      '2 partner FORBIDDEN',
      '3 externalId FORBIDDEN',
    ]);
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
