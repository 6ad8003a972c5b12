import { Grain } from '../../../src/modules/kpi/catalogue/kpi.enums';
import { ChainSignal, MetricLevel } from '../../../src/modules/metrics/metric.enums';
import { chainScores, linkEvidence, meanAttainment, pearson, signalOf } from '../../../src/modules/metrics/metric.evaluation';
import { checkedWeight, levelRuleProblem, periodStartProblem } from '../../../src/modules/metrics/metric.rules';

/** The arithmetic of metric chains and the rules of metrics, with numbers worked out by hand. */

describe('link evidence', () => {
  it("is Pearson's r over the pairs where both sides have a value", () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBe(1);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBe(-1);
    // x − mean: −1.5 −0.5 0.5 1.5; y − mean: −1.5 0.5 −0.5 1.5 → Σxy 4, Σxx 5, Σyy 5 → r = 4 / 5.
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBe(0.8);
    expect(pearson([1, 2], [1, 2])).toBeNull();
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });

  it('pairs the child `lag` periods earlier with the parent, skipping a period either side lacks', () => {
    // t = 1..4: (1, 10), (null, 20) skipped, (3, 30), (4, 40).
    expect(linkEvidence([1, null, 3, 4, 5], [0, 10, 20, 30, 40], 1)).toEqual({ r: 1, pairs: 3 });
    expect(linkEvidence([5, 4, 3], [1, 2, 3], 0)).toEqual({ r: -1, pairs: 3 });
  });
});

describe('chain scores and signals', () => {
  it("score a leaf by its own attainment and a parent by the weighted mean of its children's scores", () => {
    const attainments = new Map<string, number | null>([
      ['root', 0.9],
      ['a', 0.8],
      ['a1', 0.5],
      ['b', 1.1],
      ['c', 1],
      ['c1', null],
    ]);
    const children = new Map([
      ['root', [{ childId: 'a', weight: 2 }, { childId: 'b', weight: 1 }]],
      ['a', [{ childId: 'a1', weight: 1 }]],
      ['c', [{ childId: 'c1', weight: 1 }]],
    ]);
    const scores = chainScores(attainments, children);
    // a = a1 = 0.5 (its own 0.8 does not count); root = (2 × 0.5 + 1 × 1.1) / 3 = 0.7; c has no child with a score.
    expect(Object.fromEntries(scores)).toEqual({ root: 0.7, a: 0.5, a1: 0.5, b: 1.1, c: null, c1: null });
  });

  it('signal a node on target whose drivers are not, and the other way round', () => {
    expect(signalOf(0.8, 1)).toBe(ChainSignal.DISCONNECT);
    expect(signalOf(1, 0.8)).toBe(ChainSignal.UNDERPOWERED);
    expect(signalOf(0.95, 0.95)).toBe(ChainSignal.ALIGNED);
    expect(signalOf(null, 1)).toBeNull();
  });

  it('average the attainments that exist', () => {
    expect(meanAttainment([{ attainment: 0.5 }, { attainment: null }, { attainment: 1 }])).toBe(0.75);
    expect(meanAttainment([{ attainment: null }])).toBeNull();
  });
});

describe('the rules of metrics', () => {
  it('link a child only to a parent of a higher level, and nothing above EQUITY', () => {
    expect(levelRuleProblem({ key: 'calls', level: MetricLevel.ACTIVITY }, { key: 'demos', level: MetricLevel.OUTPUT })).toBeNull();
    expect(levelRuleProblem({ key: 'nrr', level: MetricLevel.OUTCOME }, { key: 'demos', level: MetricLevel.OUTPUT })).toBe(
      'an OUTCOME metric ("nrr") links only to a parent of a higher level (EQUITY); "demos" is OUTPUT',
    );
    expect(levelRuleProblem({ key: 'customer_equity', level: MetricLevel.EQUITY }, { key: 'x', level: MetricLevel.EQUITY })).toBe(
      '"customer_equity" is EQUITY, the top of every chain: it links to no parent',
    );
  });

  it('record a value on the first day of a period of its grain, fiscal quarters following the fiscal year', () => {
    expect(periodStartProblem(Grain.MONTH, '2025-03-01', 1)).toBeNull();
    expect(periodStartProblem(Grain.MONTH, '2025-03-02', 1)).toBe('must be the first day of a month, e.g. "2025-03-01" (got "2025-03-02")');
    expect(periodStartProblem(Grain.QUARTER, '2025-02-01', 2)).toBeNull();
    expect(periodStartProblem(Grain.QUARTER, '2025-01-01', 2)).toBe(
      'must be the first day of a fiscal quarter (the fiscal year starts in month 2); got "2025-01-01"',
    );
  });

  it('take a link weight above 0 and up to 1,000,000', () => {
    expect(checkedWeight(2.5)).toBe(2.5);
    for (const weight of [0, -1, 1_000_001, Number.NaN]) {
      expect(() => checkedWeight(weight)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    }
  });
});
