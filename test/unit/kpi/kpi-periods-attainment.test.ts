import { coverageOf, periodsBetween, shiftPeriod } from '../../../src/core/period.calculator';
import { assess } from '../../../src/modules/kpi/kpi.attainment';
import { Grain, KpiDirection, KpiStatus } from '../../../src/modules/kpi/catalogue/kpi.enums';
import { KPIS } from '../../../src/modules/kpi/catalogue/kpi.definitions';

describe('the period calculator', () => {
  const starts = (grain: Grain, from: string, to: string, fy: number) => periodsBetween(grain, from, to, fy).map((p) => `${p.start}..${p.end}`);

  it('lists every period whose first day lies in [from, to]', () => {
    expect(starts(Grain.MONTH, '2024-01-15', '2024-03-01', 1)).toEqual(['2024-02-01..2024-02-29', '2024-03-01..2024-03-31']);
    expect(starts(Grain.QUARTER, '2025-01-01', '2025-12-31', 1)).toEqual([
      '2025-01-01..2025-03-31', '2025-04-01..2025-06-30', '2025-07-01..2025-09-30', '2025-10-01..2025-12-31',
    ]);
    expect(starts(Grain.MONTH, '2025-01-02', '2025-01-31', 1)).toEqual([]);
  });

  it('aligns quarters and years to the fiscal year start month', () => {
    expect(starts(Grain.QUARTER, '2025-01-01', '2025-12-31', 2)).toEqual([
      '2025-02-01..2025-04-30', '2025-05-01..2025-07-31', '2025-08-01..2025-10-31', '2025-11-01..2026-01-31',
    ]);
    expect(starts(Grain.YEAR, '2024-01-01', '2025-12-31', 4)).toEqual(['2024-04-01..2025-03-31', '2025-04-01..2026-03-31']);
    expect(starts(Grain.YEAR, '2024-01-01', '2025-12-31', 1)).toEqual(['2024-01-01..2024-12-31', '2025-01-01..2025-12-31']);
  });

  it('covers a period up to the watermark: complete, to date, or not at all', () => {
    const [q1] = periodsBetween(Grain.QUARTER, '2026-01-01', '2026-01-01', 1);
    expect(coverageOf(q1, '2026-03-01')).toEqual({ complete: true, dataThrough: '2026-03-31', lastMonth: '2026-03-01', months: 3 });
    expect(coverageOf(q1, '2027-06-01')).toEqual({ complete: true, dataThrough: '2026-03-31', lastMonth: '2026-03-01', months: 3 });
    expect(coverageOf(q1, '2026-02-01')).toEqual({ complete: false, dataThrough: '2026-02-28', lastMonth: '2026-02-01', months: 2 });
    expect(coverageOf(q1, '2026-01-01')).toEqual({ complete: false, dataThrough: '2026-01-31', lastMonth: '2026-01-01', months: 1 });
    expect(coverageOf(q1, '2025-12-01')).toEqual({ complete: false, dataThrough: null, lastMonth: null, months: 0 });
    expect(coverageOf(q1, null)).toEqual({ complete: false, dataThrough: null, lastMonth: null, months: 0 });
    const [fy] = periodsBetween(Grain.YEAR, '2024-04-01', '2024-04-01', 4);
    expect(coverageOf(fy, '2024-02-01').months).toBe(0);
    expect(coverageOf(fy, '2025-02-01')).toEqual({ complete: false, dataThrough: '2025-02-28', lastMonth: '2025-02-01', months: 11 });
  });

  it('shifts a period by whole periods, across year ends', () => {
    const [q] = periodsBetween(Grain.QUARTER, '2025-01-01', '2025-01-01', 1);
    expect(shiftPeriod(q, -1)).toEqual({ start: '2024-10-01', end: '2024-12-31', months: 3 });
    expect(shiftPeriod(q, 4)).toEqual({ start: '2026-01-01', end: '2026-03-31', months: 3 });
  });
});

describe('attainment and status (docs/kpis.md "Targets, attainment and status")', () => {
  const { HIGHER_IS_BETTER: UP, LOWER_IS_BETTER: DOWN } = KpiDirection;

  it('is value / target where higher is better, target / value where lower is better, clamped to [0, 2]', () => {
    expect(assess(95, 100, UP, true)).toEqual({ target: 100, attainment: 0.95, status: KpiStatus.AT_RISK });
    expect(assess(80, 100, DOWN, true)).toEqual({ target: 100, attainment: 1.25, status: KpiStatus.ON_TRACK });
    expect(assess(500, 100, UP, true).attainment).toBe(2);
    expect(assess(-5, 100, UP, true)).toEqual({ target: 100, attainment: 0, status: KpiStatus.OFF_TRACK });
    expect(assess(0, 30, DOWN, true)).toEqual({ target: 30, attainment: 2, status: KpiStatus.ON_TRACK });
    expect(assess(100, 100, UP, true).status).toBe(KpiStatus.ON_TRACK);
    expect(assess(89, 100, UP, true).status).toBe(KpiStatus.OFF_TRACK);
  });

  // A target with a null value used to read NO_TARGET; the definitions now name it NO_VALUE (a target exists, the value does not).
  it('is null without a target (NO_TARGET) or a value (NO_VALUE), NO_TARGET first', () => {
    expect(assess(null, 100, UP, true)).toEqual({ target: 100, attainment: null, status: KpiStatus.NO_VALUE });
    expect(assess(5, null, DOWN, true)).toEqual({ target: null, attainment: null, status: KpiStatus.NO_TARGET });
    expect(assess(null, null, DOWN, true)).toEqual({ target: null, attainment: null, status: KpiStatus.NO_TARGET });
  });

  it('is null, with INCOMPLETE, in a period that is not complete, whatever the target and value', () => {
    expect(assess(95, 100, UP, false)).toEqual({ target: 100, attainment: null, status: KpiStatus.INCOMPLETE });
    expect(assess(null, 100, UP, false)).toEqual({ target: 100, attainment: null, status: KpiStatus.INCOMPLETE });
    expect(assess(5, null, DOWN, false)).toEqual({ target: null, attainment: null, status: KpiStatus.INCOMPLETE });
    expect(assess(null, null, DOWN, false)).toEqual({ target: null, attainment: null, status: KpiStatus.INCOMPLETE });
  });

  it('knows which KPIs improve downwards', () => {
    const lower = Object.entries(KPIS).filter(([, d]) => d.direction === DOWN).map(([k]) => k).sort();
    expect(lower).toEqual([
      'CAC', 'CAC_PAYBACK_MONTHS', 'CHURNED_CUSTOMERS', 'CHURNED_MRR', 'CONTRACTION_MRR', 'CRC', 'DSO', 'GROSS_MRR_CHURN_RATE',
      'LOGO_CHURN_RATE', 'REFUND_RATE', 'TICKETS_PER_CUSTOMER', 'TIME_TO_VALUE_DAYS',
    ]);
  });
});
