import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { must } from '../../helpers/metrics';
import { createDemoWorkspace } from '../../../src/demo/demo-workspace';
import { Role } from '../../../src/core/role.enum';
import { EXAMPLE_KPIS, fetchKpiMatrix, formatKpiMatrix, lastFourQuarters } from '../../../examples/kpi-matrix-client/kpi-matrix-client';
import { ROOT } from '../../helpers/paths';

/**
 * The examples of the README and docs/ are written for a demo made on this day (its data: December 2024 to November 2026). A demo made later
 * covers later months: `npm start` prints which, and the example client picks its quarters from the clock (tested below on a
 * demo made today).
 */
const README_DAY = new Date('2026-12-01T09:00:00Z');

/** The GraphQL examples of the README and docs/ that read KPIs, metrics or targets, with the file they are in. */
function kpiExamples(): { file: string; query: string }[] {
  const files = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  return files.flatMap((file) =>
    [...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)]
      .map((m) => ({ file, query: m[1] }))
      .filter(({ query }) => /\b(kpis|kpiMatrix|customerEquity|indicatorImpact|phaseFunnel|metricChain|scorecard)\s*\(/.test(query)),
  );
}

interface MatrixRow {
  key: string | null;
  total: boolean;
  cells: { key?: string; kpi?: string | null; value: number | null; target: number | null; status: string }[];
}

/**
 * A matrix shows real numbers: every row of a tier and the total has a value in every cell, at least one approved target and a
 * status against it. The row of the facts that name no customer (costs without one: key null, not the total) has no customer
 * KPI and no target by nature, and is left out.
 */
function expectRealMatrix(rows: MatrixRow[], label: string) {
  const shown = rows.filter((row) => row.total || row.key !== null);
  expect(shown.map((row) => row.key ?? 'TOTAL')).toEqual(['strategic', 'enterprise', 'growth', 'scale', 'TOTAL']);
  for (const row of shown) {
    const where = `${label}, row ${row.key ?? 'TOTAL'}`;
    expect([where, row.cells.filter((c) => c.value === null).map((c) => c.key ?? c.kpi)]).toEqual([where, []]);
    expect([where, row.cells.some((c) => c.target !== null)]).toEqual([where, true]);
    expect([where, row.cells.some((c) => ['ON_TRACK', 'AT_RISK', 'OFF_TRACK'].includes(c.status))]).toEqual([where, true]);
  }
}

describe('the demo workspace', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  describe('made on the day the README was written', () => {
    let workspaceId: string;
    let viewer: string;
    beforeAll(async () => {
      ({ workspaceId } = await createDemoWorkspace(server.dataSource, server.app.services, { name: `Demo of the README ${process.pid}`, today: README_DAY }));
      ({ key: viewer } = await server.app.services.workspaces.createKey(workspaceId, { name: 'viewer', role: Role.VIEWER }));
    }, 120_000);

    it('holds 24 months of facts up to the last complete month, November 2026', async () => {
      const [months] = await server.dataSource.query(
        `SELECT to_char(min(month), 'YYYY-MM-DD') AS first, to_char(max(month), 'YYYY-MM-DD') AS last, count(DISTINCT month)::int AS n
         FROM revenue WHERE workspace_id = $1`,
        [workspaceId],
      );
      expect(months).toEqual({ first: '2024-12-01', last: '2026-11-01', n: 24 });
      const [later] = await server.dataSource.query(
        `SELECT (SELECT count(*) FROM event WHERE workspace_id = $1 AND occurred_at >= '2026-12-01')::int
              + (SELECT count(*) FROM survey WHERE workspace_id = $1 AND responded_at >= '2026-12-01')::int
              + (SELECT count(*) FROM invoice WHERE workspace_id = $1 AND (issued_on >= '2026-12-01' OR paid_on >= '2026-12-01'))::int
              + (SELECT count(*) FROM cost WHERE workspace_id = $1 AND month >= '2026-12-01')::int AS n`,
        [workspaceId],
      );
      expect(later.n).toBe(0);
    });

    it("answers the KPI examples of the README and docs/ with values, an approved target in every row and statuses", async () => {
      const examples = kpiExamples();
      expect(examples.map((e) => e.file)).toEqual(expect.arrayContaining(['README.md', 'docs/api.md']));
      for (const { file, query } of examples) {
        const res = await server.gql(query, {}, viewer);
        expect([file, res.errors]).toEqual([file, undefined]);
        if (res.data!.kpiMatrix) expectRealMatrix(res.data!.kpiMatrix.rows, file);
      }
    });

    it('has approved targets for months, quarters and years — the periods in progress too — for the workspace and each tier', async () => {
      const { targets } = await must(server, viewer, `{ targets(filter: { kpi: MRR }) { grain periodStart tier status } }`);
      const count = (grain: string, tier: string | null) => targets.filter((t: { grain: string; tier: string | null }) => t.grain === grain && t.tier === tier).length;
      // December 2024 … December 2026 (the month in progress); Q1 2025 … Q4 2026; 2025 and 2026
      for (const tier of [null, 'strategic', 'enterprise', 'growth', 'scale']) expect([tier, count('MONTH', tier), count('QUARTER', tier), count('YEAR', tier)]).toEqual([tier, 25, 8, 2]);
      expect(targets.every((t: { status: string }) => t.status === 'APPROVED')).toBe(true);
      expect((await must(server, viewer, `{ targets(filter: { status: DRAFT }) { id } }`)).targets).toEqual([]);
    });

    it('carries its metric chain over the same months: values and targets of every node in the last complete quarter', async () => {
      const { metricChain } = await must(
        server,
        viewer,
        `query($p: PeriodInput!) {
          metricChain(period: $p, tier: "strategic") { periodStart nodes { metric { key } value target status } edges { child { key } parent { key } weight evidence { pairs } } }
        }`,
        { p: { grain: 'QUARTER', from: '2026-07-01', to: '2026-07-01' } },
      );
      expect(metricChain.periodStart).toBe('2026-07-01');
      expect(metricChain.nodes.map((n: { metric: { key: string } }) => n.metric.key)).toEqual([
        'customer_equity', 'grr', 'new_customer_revenue', 'nrr', 'onboarding_completion', 'qualified_opportunities', 'content_downloads', 'webinars_held',
      ]);
      for (const node of metricChain.nodes) {
        expect([node.metric.key, node.value !== null, node.target !== null, node.status]).toEqual([node.metric.key, true, true, expect.stringMatching(/^(ON_TRACK|AT_RISK|OFF_TRACK)$/)]);
      }
      // Recorded quarters: Q1 2025 … Q3 2026. Evidence pairs each of the last 8 quarters (Q4 2024 … Q3 2026) with the quarter
      // before: both recorded for Q2 2025 … Q3 2026, 6 pairs.
      const webinars = metricChain.edges.find((e: { child: { key: string } }) => e.child.key === 'webinars_held');
      expect(webinars).toMatchObject({ parent: { key: 'qualified_opportunities' }, weight: 2, evidence: { pairs: 6 } });
    });

    it('records its OBSERVED metrics per month, and per quarter and year the sum of their months', async () => {
      const values = async (grain: string, from: string, to: string, tier?: string) =>
        (
          await must(
            server,
            viewer,
            `query($p: PeriodInput!, $f: SegmentFilter) { metric(key: "webinars_held") { values(period: $p, filter: $f) { points { periodStart value target } } } }`,
            { p: { grain, from, to }, f: tier ? { tier: [tier] } : null },
          )
        ).metric.values[0].points;
      // Month i of the data (December 2024 = 0) holds 4 + (i mod 3) webinars against a plan of 5; December 2026 has a target only.
      const months = await values('MONTH', '2024-12-01', '2026-12-01');
      expect(months).toHaveLength(25);
      expect(months[0]).toEqual({ periodStart: '2024-12-01', value: 4, target: 5 });
      expect(months[23]).toEqual({ periodStart: '2026-11-01', value: 6, target: 5 }); // i = 23
      expect(months[24]).toEqual({ periodStart: '2026-12-01', value: null, target: 5 });
      // Q1 2025 = months 1, 2, 3: 5 + 6 + 4; the year 2025 = months 1 … 12: four times 15; plans 15 and 60
      expect(await values('QUARTER', '2025-01-01', '2025-01-01')).toEqual([{ periodStart: '2025-01-01', value: 15, target: 15 }]);
      expect(await values('YEAR', '2025-01-01', '2025-01-01')).toEqual([{ periodStart: '2025-01-01', value: 60, target: 60 }]);
      // strategic: 40 % of the plan, and 10 % ahead of its share: round(5 × 0.44) + round(6 × 0.44) + round(4 × 0.44) = 2 + 3 + 2
      expect(await values('QUARTER', '2025-01-01', '2025-01-01', 'strategic')).toEqual([{ periodStart: '2025-01-01', value: 7, target: 6 }]);
    });
  });

  it('made today is current: `npm run example:kpi-matrix` shows the last four quarters with values, targets and statuses', async () => {
    const { workspaceId, window } = await createDemoWorkspace(server.dataSource, server.app.services, { name: `Demo of today ${process.pid}` });
    const thisMonth = `${new Date().toISOString().slice(0, 7)}-01`;
    expect(window.current).toBe(thisMonth);
    const { key } = await server.app.services.workspaces.createKey(workspaceId, { name: 'viewer', role: Role.VIEWER });
    // The example's own request: its KPIs over its default range.
    const { kpiMatrix } = await fetchKpiMatrix(server.url, key, { kpis: EXAMPLE_KPIS, period: { grain: 'QUARTER', ...lastFourQuarters() }, rows: 'TIER' });
    expect(kpiMatrix.periodEnd < thisMonth).toBe(true);
    expectRealMatrix(kpiMatrix.rows, 'example:kpi-matrix');
    const table = formatKpiMatrix(kpiMatrix);
    expect(table).toContain('Approved targets (✓ on track, ~ at risk, ✗ off track)');
    expect(table.split('\n').filter((line) => line.startsWith('strategic'))).toHaveLength(2);
  }, 120_000);
});
