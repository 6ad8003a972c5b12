import { DEMO_METRICS, demoChainRows } from '../../../src/demo/demo-chain.rows';
import { demoWindow } from '../../../src/demo/demo-window';
import { valueProblem } from '../../../src/modules/metrics/value.rules';
import { KpiUnit } from '../../../src/modules/kpi/catalogue/kpi.enums';

const unitOf = new Map(DEMO_METRICS.filter((m) => m.unit).map((m) => [m.key, m.unit!]));

/** What the metric-value and target validation would refuse among the rows of a window. */
function refused(months: number) {
  const window = demoWindow(months, new Date('2026-01-15T00:00:00Z'));
  const { values, targets } = demoChainRows(window, 1);
  return [...values, ...targets]
    .map((row) => ({ row, problem: valueProblem(row.value, { metric: row.metric!, unit: unitOf.get(row.metric!)! }) }))
    .filter((r) => r.problem !== null);
}

describe('the demo metric chain (values and targets)', () => {
  it("keeps onboarding completion, a PERCENT, a fraction within 0..1 over the bench's 36 months and much longer windows", () => {
    // The bench's window: 36 months ending 2025-12. A straight-line rate gave the strategic tier 1.04 in its last months.
    for (const months of [12, 24, 36, 60, 120, 240]) expect([months, refused(months)]).toEqual([months, []]);
  });

  it('starts the rate where the demo always did and lets it improve, every tier a little apart', () => {
    const window = demoWindow(36, new Date('2026-01-15T00:00:00Z'));
    const { values } = demoChainRows(window, 1);
    const monthly = (tier?: string) =>
      values.filter((v) => v.metric === 'onboarding_completion' && v.grain === 'MONTH' && v.tier === tier).map((v) => v.value);
    const whole = monthly(undefined);
    expect(whole).toHaveLength(36);
    expect(whole[0]).toBe(0.72);
    // 0.94 − 0.22 × 0.965: the first month closes 3.5 % of the gap to the ceiling.
    expect(whole[1]).toBe(0.728);
    expect(whole.every((v, i) => i === 0 || v >= whole[i - 1])).toBe(true);
    expect(Math.max(...whole)).toBeLessThan(0.94);
    // strategic 0.04 ahead of the whole, scale 0.02 behind
    expect(monthly('strategic')[0]).toBe(0.76);
    expect(monthly('scale')[0]).toBe(0.7);
    expect(unitOf.get('onboarding_completion')).toBe(KpiUnit.PERCENT);
  });
});
