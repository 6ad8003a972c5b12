import { startTestServer, type TestServer } from '../../helpers/test-server';
import { KpiFixtures } from '../../helpers/kpi-fixtures';
import { createMetric, link, must, RECORD_METRIC_VALUES, UPSERT_TARGETS, APPROVE_TARGETS } from '../../helpers/metrics';

const OUTCOME_KPIS = ['NRR', 'GRR', 'NEW_MRR', 'MRR', 'CHURNED_CUSTOMERS', 'ACTIVE_CUSTOMERS'];

/**
 * A workspace with `journeys` lifecycle journeys (5 phases each), an owner per phase, and per phase an ACTIVITY and an OUTPUT metric
 * (OBSERVED, with values and approved targets) linked activity → output → one of `outcomes` KPI-source OUTCOME metrics →
 * customer_equity; the outcomes are success metrics of the loyalty phases.
 */
async function buildWorkspace(server: TestServer, journeys: number, outcomes: number): Promise<{ key: string; metrics: number; phases: number }> {
  const { fixtures, key } = await KpiFixtures.create(server);
  await fixtures.customer('acme', { tier: 'growth' });
  await fixtures.mrr('acme', { '2025-04': 100, '2025-05': 110, '2025-06': 120 });
  const outcomeKeys = OUTCOME_KPIS.slice(0, outcomes).map((kpi) => `outcome_${kpi.toLowerCase()}`);
  const targets: Record<string, unknown>[] = [];
  const rows: Record<string, unknown>[] = [];
  let phaseCount = 0;
  for (let j = 0; j < journeys; j++) {
    const prefix = j === 0 ? '' : `j${j}_`;
    await must(server, key, `mutation($n: String!, $p: String) { createJourney(input: { name: $n, template: B2B_LIFECYCLE, keyPrefix: $p }) { id } }`, { n: `Journey ${j}`, p: prefix || null });
  }
  const { journeys: list } = await must(server, key, `{ journeys { phases { id key } } }`);
  for (const [i, kpi] of OUTCOME_KPIS.slice(0, outcomes).entries()) {
    const loyalty = list[i % journeys].phases.find((p: { key: string }) => p.key.endsWith('loyalty')).id;
    await createMetric(server, key, { key: outcomeKeys[i], level: 'OUTCOME', kpi, phaseId: loyalty });
    await link(server, key, outcomeKeys[i], 'customer_equity', i + 1);
    targets.push({ kpi, grain: 'MONTH', periodStart: '2025-06-01', value: 1 });
  }
  for (const journey of list) {
    for (const phase of journey.phases) {
      const { createOwner } = await must(server, key, `mutation($n: String!) { createOwner(input: { name: $n, function: SALES }) { id } }`, { n: `Owner of ${phase.key}` });
      await must(server, key, `mutation($id: ID!, $o: ID!) { updatePhase(id: $id, input: { ownerId: $o }) { id } }`, { id: phase.id, o: createOwner.id });
      const activity = `a_${phase.key}`;
      const output = `o_${phase.key}`;
      await createMetric(server, key, { key: activity, level: 'ACTIVITY', phaseId: phase.id });
      await createMetric(server, key, { key: output, level: 'OUTPUT', phaseId: phase.id, ownerId: createOwner.id });
      await link(server, key, activity, output);
      await link(server, key, output, outcomeKeys[phaseCount % outcomes]);
      for (const [metric, values] of [[activity, [3, 4, 5]], [output, [30, 35, 40]]] as const) {
        values.forEach((value, m) => rows.push({ metric, grain: 'MONTH', periodStart: `2025-0${m + 4}-01`, value }));
      }
      targets.push({ metric: activity, grain: 'MONTH', periodStart: '2025-06-01', value: 4 }, { metric: output, grain: 'MONTH', periodStart: '2025-06-01', value: 50 });
      phaseCount += 1;
    }
  }
  await must(server, key, RECORD_METRIC_VALUES, { rows });
  await must(server, key, UPSERT_TARGETS, { rows: targets });
  await must(server, key, APPROVE_TARGETS, { keys: targets.map(({ value: _v, ...k }) => k) });
  return { key, metrics: 1 + outcomes + 2 * phaseCount, phases: phaseCount };
}

const NESTED = `query($p: PeriodInput!) {
  journeys { name phases { key owner { name } successMetrics { key level parents { weight parent { key } } }
    scorecard(period: $p) { meanAttainment entries { metric { key } value target attainment status } } } }
  owners { name phases { key } metrics { key } scorecard(period: $p) { meanAttainment entries { metric { key phase { key } } value target attainment status } } }
  metrics { key children { weight child { key } } }
  metricChain(period: $p) { nodes { metric { key level } value target attainment chainScore signal } edges { weight evidence { r pairs } } }
}`;

describe('a nested query of journeys, scorecards and the whole chain', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('issues the same bounded number of SQL statements for a small and a three times larger chain', async () => {
    const small = await buildWorkspace(server, 1, 2);
    const large = await buildWorkspace(server, 3, 6);
    const p = { grain: 'MONTH', from: '2025-04-01', to: '2025-06-01' };
    const smallRes = await server.gql(NESTED, { p }, small.key);
    const largeRes = await server.gql(NESTED, { p }, large.key);
    expect(smallRes.errors).toBeUndefined();
    expect(largeRes.errors).toBeUndefined();
    expect(smallRes.data!.metricChain.nodes).toHaveLength(small.metrics); // 13 metrics, 5 phases
    expect(largeRes.data!.metricChain.nodes).toHaveLength(large.metrics); // 37 metrics, 15 phases
    expect(largeRes.data!.journeys.flatMap((j: { phases: unknown[] }) => j.phases)).toHaveLength(large.phases);
    // every phase's scorecard: its activity (5 against 4 → 1.25) and output (40 against 50 → 0.8)
    const contact = smallRes.data!.journeys[0].phases[0].scorecard;
    expect(contact).toEqual({
      meanAttainment: 1.025,
      entries: [
        { metric: { key: 'o_contact' }, value: 40, target: 50, attainment: 0.8, status: 'OFF_TRACK' },
        { metric: { key: 'a_contact' }, value: 5, target: 4, attainment: 1.25, status: 'ON_TRACK' },
      ],
    });
    const smallCount = Number(smallRes.headers.get('x-sql-statements'));
    const largeCount = Number(largeRes.headers.get('x-sql-statements'));
    console.log(`nested journeys + scorecards + metricChain: ${smallCount} SQL statements for ${small.metrics} metrics / ${small.phases} phases, ${largeCount} for ${large.metrics} / ${large.phases}`);
    expect(largeCount).toBe(smallCount);
    // the API key; journeys with their phases and the phases' owners (one statement); owners; phases by owner; the metrics;
    // the links; the fiscal year; per evaluation shape (the scorecards' month, the chain's 9 months) one engine statement, one for
    // recorded values and one for approved targets; the phases of the owners' scorecard entries
    expect(smallCount).toBe(14);
  });
});
