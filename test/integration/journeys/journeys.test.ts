import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const PHASES = `query($id: ID!) { journey(id: $id) { phases { key position } } }`;

async function phaseOrder(key: string, journeyId: string): Promise<string[]> {
  const res = await server.gql(PHASES, { id: journeyId }, key);
  const phases = res.data!.journey.phases as { key: string; position: number }[];
  phases.forEach((p, i) => expect(p.position).toBe(i + 1));
  return phases.map((p) => p.key);
}

async function lifecycle(key: string, name = 'Lifecycle', keyPrefix?: string, template = 'B2B_LIFECYCLE') {
  const res = await server.gql(
    `mutation($input: CreateJourneyInput!) { createJourney(input: $input) {
       id name phases { id key name position successDefinition processes { name systems } touchpoints { key channel mode } } } }`,
    { input: { name, template, keyPrefix } },
    key,
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.createJourney;
}

describe('journeys', () => {
  it('are made from the B2B_LIFECYCLE template with the five phases of the seed, in order', async () => {
    const { adminKey } = await server.workspace();
    const journey = await lifecycle(adminKey);
    expect(journey.phases.map((p: { key: string }) => p.key)).toEqual(['contact', 'consideration', 'purchase', 'post_purchase', 'loyalty']);
    expect(journey.phases.map((p: { position: number }) => p.position)).toEqual([1, 2, 3, 4, 5]);
    expect(journey.phases[3].name).toBe('Post-purchase support, billing and problem resolution');
    for (const phase of journey.phases) {
      expect(phase.successDefinition).toBeTruthy();
      expect(phase.processes.length).toBeGreaterThan(0);
      expect(phase.touchpoints.length).toBeGreaterThan(0);
    }
  });

  it('are made from the B2C_RETAIL template with the five phases of a shopper, beside a B2B journey without a prefix', async () => {
    const { adminKey } = await server.workspace();
    await lifecycle(adminKey, 'Accounts');
    const journey = await lifecycle(adminKey, 'Shoppers', undefined, 'B2C_RETAIL');
    expect(journey.phases.map((p: { key: string }) => p.key)).toEqual(['discovery', 'first_purchase', 'delivery_returns', 'repeat_purchase', 'loyalty_advocacy']);
    expect(journey.phases[2].name).toBe('Delivery and returns');
    for (const phase of journey.phases) {
      expect(phase.successDefinition).toBeTruthy();
      expect(phase.processes.length).toBeGreaterThan(0);
      const modes = new Set(phase.touchpoints.map((t: { mode: string }) => t.mode));
      expect([...modes].sort()).toEqual(['HUMAN_TOUCH', 'TECH_TOUCH']);
    }
    const channels = new Set(journey.phases.flatMap((p: { touchpoints: { channel: string }[] }) => p.touchpoints.map((t) => t.channel)));
    for (const channel of ['STORE', 'SMS', 'PUSH', 'PAID_ADS', 'DIRECT_MAIL', 'CHAT', 'PHONE', 'MARKETPLACE', 'DELIVERY', 'REVIEWS']) {
      expect(channels).toContain(channel);
    }
    expect(journey.phases[3].touchpoints.map((t: { key: string }) => t.key)).toContain('repeat_style_guide');
  });

  it('refuse a second journey from the template without a key prefix (CONFLICT), accept one with a prefix', async () => {
    const { adminKey } = await server.workspace();
    await lifecycle(adminKey, 'First');
    const clash = await server.gql(
      `mutation { createJourney(input: { name: "Second", template: B2B_LIFECYCLE }) { id } }`,
      {},
      adminKey,
    );
    expect(codeOf(clash)).toBe('CONFLICT');
    expect(clash.errors![0].message).toContain('keyPrefix');
    const second = await lifecycle(adminKey, 'Retail', 'retail_');
    expect(second.phases[0].key).toBe('retail_contact');
    const list = await server.gql(`{ journeys { name } }`, {}, adminKey);
    expect(list.data!.journeys.map((j: { name: string }) => j.name)).toEqual(['First', 'Retail']);
  });

  it('refuse a duplicate journey name as CONFLICT', async () => {
    const { adminKey } = await server.workspace();
    await server.gql(`mutation { createJourney(input: { name: "Same" }) { id } }`, {}, adminKey);
    const again = await server.gql(`mutation { createJourney(input: { name: "Same" }) { id } }`, {}, adminKey);
    expect(codeOf(again)).toBe('CONFLICT');
  });

  it('can be renamed and deleted with everything in them', async () => {
    const { adminKey } = await server.workspace();
    const journey = await lifecycle(adminKey);
    const renamed = await server.gql(
      `mutation($id: ID!) { updateJourney(id: $id, input: { name: "Renamed" }) { name description } }`,
      { id: journey.id },
      adminKey,
    );
    expect(renamed.data!.updateJourney).toEqual({ name: 'Renamed', description: null });
    const deleted = await server.gql(`mutation($id: ID!) { deleteJourney(id: $id) }`, { id: journey.id }, adminKey);
    expect(deleted.data!.deleteJourney).toBe(journey.id);
    expect(codeOf(await server.gql(`query($id: ID!) { phase(id: $id) { id } }`, { id: journey.phases[0].id }, adminKey))).toBe(
      'NOT_FOUND',
    );
  });
});

describe('phases', () => {
  it('are inserted at a position, moved and removed, positions staying dense and ordered', async () => {
    const { adminKey } = await server.workspace();
    const journey = await lifecycle(adminKey);
    const added = await server.gql(
      `mutation($j: ID!) { addPhase(journeyId: $j, input: { key: "onboarding", name: "Onboarding", position: 4 }) { key position } }`,
      { j: journey.id },
      adminKey,
    );
    expect(added.data!.addPhase).toEqual({ key: 'onboarding', position: 4 });
    expect(await phaseOrder(adminKey, journey.id)).toEqual(['contact', 'consideration', 'purchase', 'onboarding', 'post_purchase', 'loyalty']);

    const last = await server.gql(
      `mutation($j: ID!) { addPhase(journeyId: $j, input: { key: "renewal", name: "Renewal" }) { position } }`,
      { j: journey.id },
      adminKey,
    );
    expect(last.data!.addPhase.position).toBe(7);

    const loyaltyId = journey.phases[4].id;
    await server.gql(`mutation($id: ID!) { movePhase(id: $id, position: 1) { id } }`, { id: loyaltyId }, adminKey);
    expect(await phaseOrder(adminKey, journey.id)).toEqual(['loyalty', 'contact', 'consideration', 'purchase', 'onboarding', 'post_purchase', 'renewal']);

    await server.gql(`mutation($id: ID!) { movePhase(id: $id, position: 7) { id } }`, { id: loyaltyId }, adminKey);
    expect(await phaseOrder(adminKey, journey.id)).toEqual(['contact', 'consideration', 'purchase', 'onboarding', 'post_purchase', 'renewal', 'loyalty']);

    const removed = await server.gql(
      `mutation($id: ID!) { removePhase(id: $id) { phases { key position } } }`,
      { id: journey.phases[1].id },
      adminKey,
    );
    expect(removed.data!.removePhase.phases.map((p: { key: string }) => p.key)).toEqual([
      'contact', 'purchase', 'onboarding', 'post_purchase', 'renewal', 'loyalty',
    ]);
    expect(await phaseOrder(adminKey, journey.id)).toHaveLength(6);
  });

  it('stay dense when ten phases are added and moved at the same time', async () => {
    const { adminKey } = await server.workspace();
    const journey = await lifecycle(adminKey);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        server.gql(
          `mutation($j: ID!, $k: String!) { addPhase(journeyId: $j, input: { key: $k, name: $k, position: 2 }) { id } }`,
          { j: journey.id, k: `extra_${i}` },
          adminKey,
        ),
      ),
    );
    await Promise.all(
      journey.phases.map((p: { id: string }, i: number) =>
        server.gql(`mutation($id: ID!, $pos: Int!) { movePhase(id: $id, position: $pos) { id } }`, { id: p.id, pos: 15 - i }, adminKey),
      ),
    );
    const order = await phaseOrder(adminKey, journey.id);
    expect(order).toHaveLength(15);
    expect(new Set(order).size).toBe(15);
  });

  it('refuse a position out of range and a duplicate key with a message that says what to fix', async () => {
    const { adminKey } = await server.workspace();
    const journey = await lifecycle(adminKey);
    const tooFar = await server.gql(
      `mutation($j: ID!) { addPhase(journeyId: $j, input: { key: "x", name: "X", position: 9 }) { id } }`,
      { j: journey.id },
      adminKey,
    );
    expect(codeOf(tooFar)).toBe('BAD_USER_INPUT');
    expect(tooFar.errors![0].extensions.fields).toEqual([{ path: 'position', message: 'position must be between 1 and 6 (the journey has 5 phases)' }]);

    const move = await server.gql(`mutation($id: ID!) { movePhase(id: $id, position: 0) { id } }`, { id: journey.phases[0].id }, adminKey);
    expect(codeOf(move)).toBe('BAD_USER_INPUT');

    const dup = await server.gql(
      `mutation($j: ID!) { addPhase(journeyId: $j, input: { key: "contact", name: "Again" }) { id } }`,
      { j: journey.id },
      adminKey,
    );
    expect(codeOf(dup)).toBe('CONFLICT');
    expect(dup.errors![0].message).toContain('"contact"');
    expect(await phaseOrder(adminKey, journey.id)).toHaveLength(5);
  });

  it('validate every field of the input and name each bad one', async () => {
    const { adminKey } = await server.workspace();
    const journey = await lifecycle(adminKey);
    const res = await server.gql(
      `mutation($j: ID!) { addPhase(journeyId: $j, input: { key: "Bad Key", name: "", ownerId: "nope" }) { id } }`,
      { j: journey.id },
      adminKey,
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    const paths = res.errors![0].extensions.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['key', 'name', 'ownerId']);
  });

  it('get an owner, who sees the phases it is accountable for; deleting the owner leaves the phase unowned', async () => {
    const { adminKey } = await server.workspace();
    const journey = await lifecycle(adminKey);
    const owner = await server.gql(
      `mutation { createOwner(input: { name: "Customer Success", function: CUSTOMER_SUCCESS, email: "cs@example.com" }) { id } }`,
      {},
      adminKey,
    );
    const ownerId = owner.data!.createOwner.id;
    for (const phase of [journey.phases[2], journey.phases[4]]) {
      const res = await server.gql(
        `mutation($id: ID!, $o: ID!) { updatePhase(id: $id, input: { ownerId: $o }) { owner { name } } }`,
        { id: phase.id, o: ownerId },
        adminKey,
      );
      expect(res.data!.updatePhase.owner).toEqual({ name: 'Customer Success' });
    }
    const phases = await server.gql(`query($id: ID!) { owner(id: $id) { phases { key } } }`, { id: ownerId }, adminKey);
    expect(phases.data!.owner.phases).toEqual([{ key: 'purchase' }, { key: 'loyalty' }]);

    const dupOwner = await server.gql(`mutation { createOwner(input: { name: "Customer Success", function: SALES }) { id } }`, {}, adminKey);
    expect(codeOf(dupOwner)).toBe('CONFLICT');

    await server.gql(`mutation($id: ID!) { deleteOwner(id: $id) }`, { id: ownerId }, adminKey);
    const after = await server.gql(`query($id: ID!) { phase(id: $id) { owner { id } } }`, { id: journey.phases[2].id }, adminKey);
    expect(after.data!.phase.owner).toBeNull();
  });

  it("refuse an owner of another workspace as BAD_USER_INPUT", async () => {
    const a = await server.workspace();
    const b = await server.workspace();
    const journey = await lifecycle(a.adminKey);
    const bOwner = await server.gql(`mutation { createOwner(input: { name: "B", function: SALES }) { id } }`, {}, b.adminKey);
    const res = await server.gql(
      `mutation($id: ID!, $o: ID!) { updatePhase(id: $id, input: { ownerId: $o }) { id } }`,
      { id: journey.phases[0].id, o: bOwner.data!.createOwner.id },
      a.adminKey,
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.fields[0].path).toBe('ownerId');
  });
});

describe('processes and touchpoints', () => {
  it('are added in order, changed and removed', async () => {
    const { adminKey } = await server.workspace();
    const journey = await lifecycle(adminKey);
    const phaseId = journey.phases[0].id;
    const first = await server.gql(
      `mutation($p: ID!) { addProcess(phaseId: $p, input: { name: "Qualify", systems: ["CRM"], position: 1 }) { id position } }`,
      { p: phaseId },
      adminKey,
    );
    expect(first.data!.addProcess.position).toBe(1);
    const processes = await server.gql(`query($id: ID!) { phase(id: $id) { processes { name position } } }`, { id: phaseId }, adminKey);
    expect(processes.data!.phase.processes).toEqual([
      { name: 'Qualify', position: 1 },
      { name: 'Discover and engage', position: 2 },
    ]);
    await server.gql(
      `mutation($id: ID!) { updateProcess(id: $id, input: { customerView: "I am asked what I need" }) { id } }`,
      { id: first.data!.addProcess.id },
      adminKey,
    );
    await server.gql(`mutation($id: ID!) { removeProcess(id: $id) }`, { id: first.data!.addProcess.id }, adminKey);
    const left = await server.gql(`query($id: ID!) { phase(id: $id) { processes { name position } } }`, { id: phaseId }, adminKey);
    expect(left.data!.phase.processes).toEqual([{ name: 'Discover and engage', position: 1 }]);

    const tp = await server.gql(
      `mutation($p: ID!) { addTouchpoint(phaseId: $p, input: { key: "contact_podcast", name: "Podcast", channel: SOCIAL, mode: TECH_TOUCH }) { id key phase { key } } }`,
      { p: phaseId },
      adminKey,
    );
    expect(tp.data!.addTouchpoint).toMatchObject({ key: 'contact_podcast', phase: { key: 'contact' } });
    const dup = await server.gql(
      `mutation($p: ID!) { addTouchpoint(phaseId: $p, input: { key: "contact_podcast", name: "Again", channel: WEB, mode: TECH_TOUCH }) { id } }`,
      { p: phaseId },
      adminKey,
    );
    expect(codeOf(dup)).toBe('CONFLICT');
    const moved = await server.gql(
      `mutation($id: ID!, $p: ID!) { updateTouchpoint(id: $id, input: { phaseId: $p, mode: HUMAN_TOUCH }) { mode phase { key } } }`,
      { id: tp.data!.addTouchpoint.id, p: journey.phases[4].id },
      adminKey,
    );
    expect(moved.data!.updateTouchpoint).toEqual({ mode: 'HUMAN_TOUCH', phase: { key: 'loyalty' } });
    expect((await server.gql(`mutation($id: ID!) { removeTouchpoint(id: $id) }`, { id: tp.data!.addTouchpoint.id }, adminKey)).errors).toBeUndefined();
  });
});

describe('roles and workspaces', () => {
  it('let VIEWER and FINANCE read but not edit; EDITOR edits', async () => {
    const { adminKey } = await server.workspace();
    await lifecycle(adminKey);
    for (const role of ['VIEWER', 'FINANCE']) {
      const key = await server.key(adminKey, role);
      expect((await server.gql(`{ journeys { name } }`, {}, key)).data!.journeys).toHaveLength(1);
      expect(codeOf(await server.gql(`mutation { createJourney(input: { name: "x" }) { id } }`, {}, key))).toBe('FORBIDDEN');
    }
    const editor = await server.key(adminKey, 'EDITOR');
    expect((await server.gql(`mutation { createJourney(input: { name: "x" }) { name } }`, {}, editor)).data).toEqual({
      createJourney: { name: 'x' },
    });
    const ingest = await server.key(adminKey, 'INGEST');
    expect(codeOf(await server.gql(`{ journeys { name } }`, {}, ingest))).toBe('FORBIDDEN');
  });

  it("never show or change another workspace's journey map: its ids are NOT_FOUND", async () => {
    const a = await server.workspace();
    const b = await server.workspace();
    const bJourney = await lifecycle(b.adminKey);
    const bPhase = bJourney.phases[0].id;
    expect((await server.gql(`{ journeys { id } }`, {}, a.adminKey)).data!.journeys).toEqual([]);
    const attempts: [string, Record<string, unknown>][] = [
      [`query($id: ID!) { journey(id: $id) { id } }`, { id: bJourney.id }],
      [`query($id: ID!) { phase(id: $id) { id } }`, { id: bPhase }],
      [`mutation($id: ID!) { updateJourney(id: $id, input: { name: "hacked" }) { id } }`, { id: bJourney.id }],
      [`mutation($id: ID!) { deleteJourney(id: $id) }`, { id: bJourney.id }],
      [`mutation($id: ID!) { movePhase(id: $id, position: 2) { id } }`, { id: bPhase }],
      [`mutation($id: ID!) { removePhase(id: $id) { id } }`, { id: bPhase }],
      [`mutation($id: ID!) { addPhase(journeyId: $id, input: { key: "x", name: "x" }) { id } }`, { id: bJourney.id }],
      [`mutation($id: ID!) { addProcess(phaseId: $id, input: { name: "x" }) { id } }`, { id: bPhase }],
    ];
    for (const [query, variables] of attempts) expect(codeOf(await server.gql(query, variables, a.adminKey))).toBe('NOT_FOUND');
    expect(await phaseOrder(b.adminKey, bJourney.id)).toEqual(['contact', 'consideration', 'purchase', 'post_purchase', 'loyalty']);
    const bName = await server.gql(`query($id: ID!) { journey(id: $id) { name } }`, { id: bJourney.id }, b.adminKey);
    expect(bName.data!.journey.name).toBe('Lifecycle');
  });
});
