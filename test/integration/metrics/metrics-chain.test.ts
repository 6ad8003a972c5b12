import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';
import { KpiFixtures } from '../../helpers/kpi-fixtures';
import { approvedTargets, createMetric, link, must, recordMonthly } from '../../helpers/metrics';

const CHAIN = `query($root: String, $p: PeriodInput!, $tier: String, $n: Int, $lag: Int) {
  metricChain(rootKey: $root, period: $p, tier: $tier, evidencePeriods: $n, lag: $lag) {
    root { key } periodStart periodEnd tier
    nodes { metric { key } depth value target attainment status chainScore signal }
    edges { child { key } parent { key } weight evidence { r pairs periods lag } }
  }
}`;

const JUNE = { grain: 'MONTH', from: '2025-04-01', to: '2025-06-01' };

/**
 * A hand-made chain, evaluated in June 2025 (the last month of the range):
 *
 *   customer_equity (KPI; one growth customer paying 1000 a month → 1000 every month; target 800 → attainment 1.25)
 *     ← o_expansion ×3   (OUTCOME, higher is better: 80 against 100 → 0.8)
 *         ← p_opps ×1          (OUTPUT: 120 against 100 → 1.2)
 *             ← a_webinars ×2       (ACTIVITY: 30 against 10 → 3, clamped to 2)
 *             ← a_response_hours ×2 (ACTIVITY, lower is better: 50 against 40 → 40/50 = 0.8)
 *             ← a_downloads ×5      (ACTIVITY: 500, no target → no attainment, no chainScore)
 *         ← a_webinars ×1
 *     ← o_churned ×1     (OUTCOME, lower is better: 0 against 5 → 2)
 *         ← a_health_checks ×1 (ACTIVITY: 5 against 10 → 0.5)
 *
 * chainScores: leaves are their own attainment (a_webinars 2, a_response_hours 0.8, a_health_checks 0.5, a_downloads null);
 * p_opps = (2·2 + 2·0.8) / 4 = 1.4 (a_downloads has none and is left out); o_expansion = (1·1.4 + 1·2) / 2 = 1.7;
 * o_churned = 0.5; customer_equity = (3·1.7 + 1·0.5) / 4 = 1.4.
 * Signals: o_expansion DISCONNECT (1.7 ≥ 1 but 0.8 < 0.9), o_churned UNDERPOWERED (2 ≥ 1 but 0.5 < 0.9), the others ALIGNED,
 * a_downloads null.
 */
describe('metricChain and scorecards', () => {
  let server: TestServer;
  let admin: string;
  let phases: Record<string, string>;
  let owners: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    let fixtures: KpiFixtures;
    ({ fixtures, key: admin } = await KpiFixtures.create(server));
    await fixtures.customer('acme', { tier: 'growth' });
    const months: Record<string, number> = {};
    for (let m = 0; m < 18; m++) months[`${2024 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`] = 1000;
    await fixtures.mrr('acme', months); // 2024-01 … 2025-06

    await must(server, admin, `mutation { createJourney(input: { name: "Lifecycle", template: B2B_LIFECYCLE }) { id } }`);
    const { journeys } = await must(server, admin, `{ journeys { phases { id key } } }`);
    phases = Object.fromEntries(journeys[0].phases.map((p: { id: string; key: string }) => [p.key, p.id]));
    owners = {};
    for (const [name, phase] of [['Demand', 'contact'], ['Success', 'loyalty']]) {
      const { createOwner } = await must(server, admin, `mutation($n: String!) { createOwner(input: { name: $n, function: MARKETING }) { id } }`, { n: name });
      owners[name] = createOwner.id;
      await must(server, admin, `mutation($id: ID!, $o: ID!) { updatePhase(id: $id, input: { ownerId: $o }) { id } }`, { id: phases[phase], o: createOwner.id });
    }

    await createMetric(server, admin, { key: 'o_expansion', level: 'OUTCOME', ownerId: owners.Success });
    await createMetric(server, admin, { key: 'o_churned', level: 'OUTCOME', direction: 'LOWER_IS_BETTER', phaseId: phases.loyalty });
    await createMetric(server, admin, { key: 'p_opps', level: 'OUTPUT', phaseId: phases.consideration });
    await createMetric(server, admin, { key: 'a_webinars', level: 'ACTIVITY', phaseId: phases.contact });
    await createMetric(server, admin, { key: 'a_response_hours', level: 'ACTIVITY', direction: 'LOWER_IS_BETTER' });
    await createMetric(server, admin, { key: 'a_downloads', level: 'ACTIVITY', phaseId: phases.contact });
    await createMetric(server, admin, { key: 'a_health_checks', level: 'ACTIVITY' });
    for (const [child, parent, weight] of [
      ['o_expansion', 'customer_equity', 3], ['o_churned', 'customer_equity', 1], ['p_opps', 'o_expansion', 1], ['a_webinars', 'o_expansion', 1],
      ['a_webinars', 'p_opps', 2], ['a_response_hours', 'p_opps', 2], ['a_downloads', 'p_opps', 5], ['a_health_checks', 'o_churned', 1],
    ] as const) {
      await link(server, admin, child, parent, weight);
    }
    await recordMonthly(server, admin, 'o_expansion', { '2025-06-01': 80 });
    await recordMonthly(server, admin, 'o_churned', { '2025-02-01': 3, '2025-03-01': 1, '2025-04-01': 2, '2025-05-01': 0, '2025-06-01': 0 });
    await recordMonthly(server, admin, 'p_opps', { '2025-03-01': 60, '2025-04-01': 80, '2025-05-01': 100, '2025-06-01': 120 });
    await recordMonthly(server, admin, 'a_webinars', { '2025-02-01': 15, '2025-03-01': 20, '2025-04-01': 25, '2025-05-01': 35, '2025-06-01': 30 });
    await recordMonthly(server, admin, 'a_response_hours', { '2025-05-01': 45, '2025-06-01': 50 });
    await recordMonthly(server, admin, 'a_downloads', { '2025-06-01': 500 });
    await recordMonthly(server, admin, 'a_health_checks', { '2025-06-01': 5 });
    const june = (target: Record<string, unknown>) => ({ grain: 'MONTH', periodStart: '2025-06-01', ...target });
    await approvedTargets(server, admin, admin, [
      june({ kpi: 'CUSTOMER_EQUITY', value: 800 }),
      june({ kpi: 'CUSTOMER_EQUITY', tier: 'growth', value: 2000 }),
      june({ metric: 'o_expansion', value: 100 }),
      june({ metric: 'o_churned', value: 5 }),
      june({ metric: 'p_opps', value: 100 }),
      june({ metric: 'a_webinars', value: 10 }),
      june({ metric: 'a_response_hours', value: 40 }),
      june({ metric: 'a_health_checks', value: 10 }),
    ]);
  });
  afterAll(() => server.close());

  it('scores every node of the chain from customer_equity down, with its signal, in the last period of the range', async () => {
    const { metricChain } = await must(server, admin, CHAIN, { p: JUNE });
    expect(metricChain).toMatchObject({ root: { key: 'customer_equity' }, periodStart: '2025-06-01', periodEnd: '2025-06-30', tier: null });
    const node = (key: string, depth: number, value: number | null, target: number | null, attainment: number | null, status: string, chainScore: number | null, signal: string | null) =>
      ({ metric: { key }, depth, value, target, attainment, status, chainScore, signal });
    expect(metricChain.nodes).toEqual([
      node('customer_equity', 0, 1000, 800, 1.25, 'ON_TRACK', 1.4, 'ALIGNED'),
      node('o_churned', 1, 0, 5, 2, 'ON_TRACK', 0.5, 'UNDERPOWERED'),
      node('o_expansion', 1, 80, 100, 0.8, 'OFF_TRACK', 1.7, 'DISCONNECT'),
      node('p_opps', 2, 120, 100, 1.2, 'ON_TRACK', 1.4, 'ALIGNED'),
      node('a_health_checks', 2, 5, 10, 0.5, 'OFF_TRACK', 0.5, 'ALIGNED'),
      node('a_webinars', 2, 30, 10, 2, 'ON_TRACK', 2, 'ALIGNED'),
      node('a_downloads', 3, 500, null, null, 'NO_TARGET', null, null),
      node('a_response_hours', 3, 50, 40, 0.8, 'OFF_TRACK', 0.8, 'ALIGNED'),
    ]);
  });

  it('gives each link its weight and evidence: Pearson r of the child against the parent one period later, over the last 8 periods', async () => {
    const { metricChain } = await must(server, admin, CHAIN, { p: JUNE });
    const edge = (child: string, parent: string) =>
      metricChain.edges.find((e: { child: { key: string }; parent: { key: string } }) => e.child.key === child && e.parent.key === parent);
    expect(metricChain.edges).toHaveLength(8);
    // Parent months 2024-11 … 2025-06, child one month earlier. Pairs (webinars, opps): (15, 60) (20, 80) (25, 100) (35, 120).
    // Means 23.75 and 90; Σdx·dy = (−8.75)(−30) + (−3.75)(−10) + (1.25)(10) + (11.25)(30) = 650; Σdx² = 218.75; Σdy² = 2000;
    // r = 650 / √(218.75 · 2000) = 650 / 661.4378… = 0.9827076298
    expect(edge('a_webinars', 'p_opps')).toEqual({
      child: { key: 'a_webinars' }, parent: { key: 'p_opps' }, weight: 2, evidence: { r: 0.9827076298, pairs: 4, periods: 8, lag: 1 },
    });
    // response hours of May (45) against opportunities of June (120): one pair, no r
    expect(edge('a_response_hours', 'p_opps').evidence).toEqual({ r: null, pairs: 1, periods: 8, lag: 1 });
    // churned accounts of February–May against customer equity of March–June (1000 every month): 4 pairs, but no variance in equity
    expect(edge('o_churned', 'customer_equity').evidence).toEqual({ r: null, pairs: 4, periods: 8, lag: 1 });
    expect(edge('o_expansion', 'customer_equity')).toMatchObject({ weight: 3, evidence: { r: null, pairs: 0 } });
  });

  it('takes the evidence window and the lag as arguments', async () => {
    // n = 3, lag 0: April–June of both: (25, 80) (35, 100) (30, 120); means 30 and 100; Σdx·dy = (−5)(−20) + 5·0 + 0·20 = 100;
    // Σdx² = 50, Σdy² = 800; r = 100 / √40000 = 0.5
    const { metricChain } = await must(server, admin, CHAIN, { root: 'p_opps', p: JUNE, n: 3, lag: 0 });
    expect(metricChain.nodes.map((n: { metric: { key: string } }) => n.metric.key)).toEqual(['p_opps', 'a_downloads', 'a_response_hours', 'a_webinars']);
    const webinars = metricChain.edges.find((e: { child: { key: string } }) => e.child.key === 'a_webinars');
    expect(webinars.evidence).toEqual({ r: 0.5, pairs: 3, periods: 3, lag: 0 });
    const bad = await server.gql(CHAIN, { p: JUNE, n: 2, lag: 13 }, admin);
    expect(bad.errors![0].extensions.fields.map((f: { path: string }) => f.path)).toEqual(['evidencePeriods', 'lag']);
  });

  it('evaluates a chain for one tier: tier values and tier targets; a node whose children have no chainScore has none', async () => {
    const { metricChain } = await must(server, admin, CHAIN, { p: JUNE, tier: 'growth' });
    // acme is the growth tier's only customer: 1000 against the growth target 2000 → 0.5; no metric recorded values for growth
    expect(metricChain.nodes[0]).toEqual({
      metric: { key: 'customer_equity' }, depth: 0, value: 1000, target: 2000, attainment: 0.5, status: 'OFF_TRACK', chainScore: null, signal: null,
    });
    expect(metricChain.nodes.slice(1).every((n: { value: number | null }) => n.value === null)).toBe(true);
    expect(codeOf(await server.gql(CHAIN, { p: JUNE, tier: 'gold' }, admin))).toBe('BAD_USER_INPUT');
  });

  it("scores each phase's success metrics and everything an owner is accountable for", async () => {
    const res = await must(
      server,
      admin,
      `query($p: PeriodInput!, $phase: ID!, $owner: ID!, $demand: ID!) {
        phase(id: $phase) { scorecard(period: $p) { phase { key } periodStart periodEnd meanAttainment entries { metric { key } value target attainment status } } }
        success: owner(id: $owner) { scorecard(period: $p) { owner { name } meanAttainment entries { metric { key } value target attainment status } } metrics { key } }
        demand: owner(id: $demand) { scorecard(period: $p) { meanAttainment entries { metric { key } attainment } } }
      }`,
      { p: JUNE, phase: phases.contact, owner: owners.Success, demand: owners.Demand },
    );
    // contact: downloads (no target) and webinars (2): the mean is over the one attainment there is
    expect(res.phase.scorecard).toEqual({
      phase: { key: 'contact' }, periodStart: '2025-06-01', periodEnd: '2025-06-30', meanAttainment: 2,
      entries: [
        { metric: { key: 'a_downloads' }, value: 500, target: null, attainment: null, status: 'NO_TARGET' },
        { metric: { key: 'a_webinars' }, value: 30, target: 10, attainment: 2, status: 'ON_TRACK' },
      ],
    });
    // Success owns o_expansion directly and the loyalty phase, whose success metric is o_churned: (2 + 0.8) / 2 = 1.4
    expect(res.success.scorecard).toEqual({
      owner: { name: 'Success' }, meanAttainment: 1.4,
      entries: [
        { metric: { key: 'o_churned' }, value: 0, target: 5, attainment: 2, status: 'ON_TRACK' },
        { metric: { key: 'o_expansion' }, value: 80, target: 100, attainment: 0.8, status: 'OFF_TRACK' },
      ],
    });
    expect(res.success.metrics).toEqual([{ key: 'o_expansion' }]);
    expect(res.demand.scorecard).toEqual({ meanAttainment: 2, entries: [{ metric: { key: 'a_downloads' }, attainment: null }, { metric: { key: 'a_webinars' }, attainment: 2 }] });
  });
});
