import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';
import { RECORD_EVENTS, RECORD_ORDERS, UPSERT_CUSTOMERS, customerRow, countRows, ingest } from '../../helpers/facts';

/**
 * Deleting journey structure never deletes customer facts (was: `event.phase_id` cascaded, so an EDITOR's `removePhase` or
 * `deleteJourney` erased the customers' PHASE_ENTERED and WEBINAR_ATTENDED events of that phase).
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function journeyWithEvents() {
  const ws = await server.workspace();
  const editor = await server.key(ws.adminKey, 'EDITOR');
  const created = await server.gql(
    `mutation { createJourney(input: { name: "Lifecycle", template: B2B_LIFECYCLE }) { id phases { id key touchpoints { id key } } } }`,
    {},
    editor,
  );
  const journey = created.data!.createJourney as { id: string; phases: { id: string; key: string; touchpoints: { id: string; key: string }[] }[] };
  await ingest(server, ws.adminKey, UPSERT_CUSTOMERS, [customerRow('c1'), customerRow('c2')]);
  await ingest(server, ws.adminKey, RECORD_EVENTS, [
    { externalId: 'e1', customer: 'c1', type: 'PHASE_ENTERED', occurredAt: '2025-01-02T09:00:00Z', phase: 'contact' },
    { externalId: 'e2', customer: 'c2', type: 'PHASE_ENTERED', occurredAt: '2025-01-03T09:00:00Z', phase: 'contact' },
    { externalId: 'e3', customer: 'c1', type: 'WEBINAR_ATTENDED', occurredAt: '2025-01-04T09:00:00Z', phase: 'contact', touchpoint: 'contact_webinar' },
    { externalId: 'e4', customer: 'c1', type: 'PHASE_ENTERED', occurredAt: '2025-02-01T09:00:00Z', phase: 'consideration' },
  ]);
  return { ws, editor, journey };
}

describe('deleting journey structure never deletes facts', () => {
  it('removePhase of a phase that events name is CONFLICT with the counts, and every event stays', async () => {
    const { ws, editor, journey } = await journeyWithEvents();
    const contact = journey.phases.find((p) => p.key === 'contact')!;
    const res = await server.gql(`mutation($id: ID!) { removePhase(id: $id) { id } }`, { id: contact.id }, editor);
    expect(codeOf(res)).toBe('CONFLICT');
    expect(res.errors![0].message).toContain('phase "contact": 3 events (2 PHASE_ENTERED, 1 WEBINAR_ATTENDED)');
    expect(res.errors![0].extensions.facts).toEqual([{ phase: 'contact', events: 3, byType: { PHASE_ENTERED: 2, WEBINAR_ATTENDED: 1 } }]);
    expect(await countRows(server, 'event', ws.id)).toBe(4);
    expect(await countRows(server, 'phase', ws.id)).toBe(5);
  });

  it('deleteJourney whose phases events name is CONFLICT listing each phase, and nothing is deleted', async () => {
    const { ws, editor, journey } = await journeyWithEvents();
    const res = await server.gql(`mutation($id: ID!) { deleteJourney(id: $id) }`, { id: journey.id }, editor);
    expect(codeOf(res)).toBe('CONFLICT');
    expect(res.errors![0].extensions.facts).toEqual([
      { phase: 'contact', events: 3, byType: { PHASE_ENTERED: 2, WEBINAR_ATTENDED: 1 } },
      { phase: 'consideration', events: 1, byType: { PHASE_ENTERED: 1 } },
    ]);
    expect(await countRows(server, 'event', ws.id)).toBe(4);
    expect(await countRows(server, 'journey', ws.id)).toBe(1);
  });

  it('once the events name another phase, the phase goes and the events stay', async () => {
    const { ws, editor, journey } = await journeyWithEvents();
    await ingest(server, ws.adminKey, RECORD_EVENTS, [
      { externalId: 'e1', customer: 'c1', type: 'PHASE_ENTERED', occurredAt: '2025-01-02T09:00:00Z', phase: 'purchase' },
      { externalId: 'e2', customer: 'c2', type: 'PHASE_ENTERED', occurredAt: '2025-01-03T09:00:00Z', phase: 'purchase' },
      { externalId: 'e3', customer: 'c1', type: 'WEBINAR_ATTENDED', occurredAt: '2025-01-04T09:00:00Z', touchpoint: 'contact_webinar' },
    ]);
    const contact = journey.phases.find((p) => p.key === 'contact')!;
    const res = await server.gql(`mutation($id: ID!) { removePhase(id: $id) { phases { key } } }`, { id: contact.id }, editor);
    expect(res.errors).toBeUndefined();
    expect(res.data!.removePhase.phases.map((p: { key: string }) => p.key)).toEqual(['consideration', 'purchase', 'post_purchase', 'loyalty']);
    // The webinar event stays, without the touchpoint that went with the phase.
    const events = await server.dataSource.query(`SELECT external_id, touchpoint_id FROM event WHERE workspace_id = $1 ORDER BY external_id`, [ws.id]);
    expect(events).toEqual([
      { external_id: 'e1', touchpoint_id: null },
      { external_id: 'e2', touchpoint_id: null },
      { external_id: 'e3', touchpoint_id: null },
      { external_id: 'e4', touchpoint_id: null },
    ]);
  });

  it('the database refuses too, whoever deletes: a phase row that events name cannot be deleted by hand', async () => {
    const { ws, journey } = await journeyWithEvents();
    const contact = journey.phases.find((p) => p.key === 'contact')!;
    await expect(server.dataSource.query(`DELETE FROM phase WHERE id = $1`, [contact.id])).rejects.toThrow(/violates foreign key constraint/);
    expect(await countRows(server, 'event', ws.id)).toBe(4);
  });
});

/**
 * The optional references to journey structure are keys (workspace_id, x_id) without ON DELETE SET NULL (it would empty
 * workspace_id too): the service clears them before it deletes, and the database refuses a delete that would leave one behind.
 */
describe('deleting journey structure clears the optional references to it', () => {
  it("deleteOwner: the owner's phases and metrics stay, without an owner", async () => {
    const { ws, editor, journey } = await journeyWithEvents();
    const owner = await server.gql(`mutation { createOwner(input: { name: "Marketing", function: MARKETING }) { id } }`, {}, editor);
    const ownerId = owner.data!.createOwner.id as string;
    const contact = journey.phases.find((p) => p.key === 'contact')!;
    expect((await server.gql(`mutation($id: ID!, $o: ID!) { updatePhase(id: $id, input: { ownerId: $o }) { id } }`, { id: contact.id, o: ownerId }, editor)).errors).toBeUndefined();
    await server.dataSource.query(`UPDATE metric SET owner_id = $2 WHERE workspace_id = $1`, [ws.id, ownerId]);
    // By hand, the database refuses to delete an owner that a phase names.
    await expect(server.dataSource.query(`DELETE FROM owner WHERE workspace_id = $1 AND id = $2`, [ws.id, ownerId])).rejects.toThrow(/violates foreign key constraint/);

    expect((await server.gql(`mutation($id: ID!) { deleteOwner(id: $id) }`, { id: ownerId }, editor)).data!.deleteOwner).toBe(ownerId);
    const named = await server.dataSource.query(
      `SELECT (SELECT count(*) FROM phase WHERE workspace_id = $1 AND owner_id IS NOT NULL)::int AS phases,
              (SELECT count(*) FROM metric WHERE workspace_id = $1 AND owner_id IS NOT NULL)::int AS metrics,
              (SELECT count(*) FROM phase WHERE workspace_id = $1)::int AS all_phases`,
      [ws.id],
    );
    expect(named).toEqual([{ phases: 0, metrics: 0, all_phases: 5 }]);
  });

  it("removeTouchpoint: events and orders that named it stay, without it; removePhase: a metric's phase is cleared", async () => {
    const { ws, editor, journey } = await journeyWithEvents();
    await ingest(server, ws.adminKey, RECORD_ORDERS, [
      { externalId: 'o1', customer: 'c1', orderedAt: '2025-01-05T10:00:00Z', amount: 40, touchpoint: 'contact_webinar' },
    ]);
    const contact = journey.phases.find((p) => p.key === 'contact')!;
    const webinar = contact.touchpoints.find((t) => t.key === 'contact_webinar')!;
    await expect(server.dataSource.query(`DELETE FROM touchpoint WHERE workspace_id = $1 AND id = $2`, [ws.id, webinar.id])).rejects.toThrow(
      /violates foreign key constraint/,
    );
    expect((await server.gql(`mutation($id: ID!) { removeTouchpoint(id: $id) }`, { id: webinar.id }, editor)).data!.removeTouchpoint).toBe(webinar.id);
    const [row] = await server.dataSource.query(
      `SELECT (SELECT touchpoint_id FROM "order" WHERE workspace_id = $1 AND external_id = 'o1') AS order_touchpoint,
              (SELECT touchpoint_id FROM event WHERE workspace_id = $1 AND external_id = 'e3') AS event_touchpoint,
              (SELECT count(*) FROM event WHERE workspace_id = $1)::int AS events, (SELECT count(*) FROM "order" WHERE workspace_id = $1)::int AS orders`,
      [ws.id],
    );
    expect(row).toEqual({ order_touchpoint: null, event_touchpoint: null, events: 4, orders: 1 });

    const loyalty = journey.phases.find((p) => p.key === 'loyalty')!;
    await server.dataSource.query(`UPDATE metric SET phase_id = $2 WHERE workspace_id = $1`, [ws.id, loyalty.id]);
    expect((await server.gql(`mutation($id: ID!) { removePhase(id: $id) { id } }`, { id: loyalty.id }, editor)).errors).toBeUndefined();
    const [metrics] = await server.dataSource.query(
      `SELECT count(*)::int AS n, count(phase_id)::int AS with_phase FROM metric WHERE workspace_id = $1`,
      [ws.id],
    );
    expect(metrics.n).toBeGreaterThan(0);
    expect(metrics.with_phase).toBe(0);
  });
});
