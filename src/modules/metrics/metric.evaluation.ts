import type { KpiLoaders } from '../kpi/kpi.loaders';
import { assess } from '../kpi/kpi.attainment';
import type { Grain, KpiStatus } from '../kpi/catalogue/kpi.enums';
import { coverageOf, type Period } from '../../core/period.calculator';
import type { TargetLoaders, TargetLookup } from '../targets/target.loaders';
import type { Metric } from './metric.entity';
import type { MetricLoaders } from './metric.loaders';
import { ChainSignal, MetricSource } from './metric.enums';
import { badInput } from '../../core/errors';

export type EvaluationLoaders = KpiLoaders & TargetLoaders & MetricLoaders;

/** A metric's value in one period against its approved target. */
export interface Evaluation {
  value: number | null;
  target: number | null;
  attainment: number | null;
  status: KpiStatus;
}

/**
 * Which periods of a metric's series are complete. A KPI-source metric follows its KPI: a period is complete when it ends on or
 * before the workspace's data-completeness watermark. An OBSERVED metric's value is recorded for its whole period, so every period
 * is complete for it: the watermark describes the facts KPIs are computed from, not recorded values.
 */
export async function completePeriods(loaders: Pick<KpiLoaders, 'kpiDataCompleteThrough'>, metric: Metric, periods: Period[]) {
  if (metric.source !== MetricSource.KPI) return periods.map((period) => ({ complete: true, dataThrough: period.end }));
  const watermark = await loaders.kpiDataCompleteThrough();
  return periods.map((period) => {
    const { complete, dataThrough } = coverageOf(period, watermark);
    return { complete, dataThrough };
  });
}

/**
 * A metric's values over `periods` and its evaluation in the last of them, read from the request's evaluation of every metric of the
 * workspace for that shape (see createMetricLoaders): however many metrics, chains and scorecards ask, one shape costs three statements.
 * Judged like every KPI point: a KPI-source metric in a period that is not complete is INCOMPLETE, without attainment; `complete`
 * says which periods of the series are whole (see completePeriods).
 */
export async function evaluateMetric(
  loaders: EvaluationLoaders,
  metric: Metric,
  grain: Grain,
  periods: Period[],
  tier: string | null,
): Promise<{ series: (number | null)[]; complete: boolean[]; evaluation: Evaluation }> {
  const [table, coverage] = await Promise.all([loaders.metricEvaluations.load({ grain, periods, tier }), completePeriods(loaders, metric, periods)]);
  const { series, target } = table.get(metric.id) ?? { series: periods.map(() => null), target: null };
  const value = series[series.length - 1];
  const { complete } = coverage[coverage.length - 1];
  return { series, complete: coverage.map((c) => c.complete), evaluation: { value, ...assess(value, target, metric.direction, complete) } };
}

/** The tier key a chain or scorecard is evaluated for (null: the whole workspace); BAD_USER_INPUT when the workspace has no such tier. */
export async function knownTier(loaders: Pick<MetricLoaders, 'workspaceTiers'>, tier: string | null | undefined): Promise<string | null> {
  if (tier === null || tier === undefined) return null;
  if (!(await loaders.workspaceTiers.load('all')).some((t) => t.key === tier)) {
    throw badInput([{ path: 'tier', message: `no tier with key "${tier}" in this workspace` }]);
  }
  return tier;
}

/** A metric's targets are its KPI's when its source is a KPI (one number, one target: the matrix and the chain agree), else its own. */
export function metricTargetLookup(metric: Metric, grain: Grain, period: Period, tier: string | null): TargetLookup {
  return metric.source === MetricSource.KPI
    ? { kpi: metric.kpi, metricId: null, grain, periodStart: period.start, tier }
    : { kpi: null, metricId: metric.id, grain, periodStart: period.start, tier };
}

/** Float noise off results of a few arithmetic steps on values exact to their unit. */
export const round10 = (value: number): number => Math.round(value * 1e10) / 1e10;

/** Pearson's r of paired values; null under 3 pairs or when either side has no variance. */
export function pearson(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  if (n < 3) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return round10(Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))));
}

/**
 * Link evidence: over the last `n` periods t of the series (both series cover the same n + lag periods, oldest first), the
 * pairs (child at t − lag, parent at t) where both have a value, and Pearson's r over them.
 */
export function linkEvidence(child: (number | null)[], parent: (number | null)[], lag: number): { r: number | null; pairs: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = lag; t < parent.length; t += 1) {
    const x = child[t - lag];
    const y = parent[t];
    if (x !== null && x !== undefined && y !== null && y !== undefined) {
      xs.push(x);
      ys.push(y);
    }
  }
  return { r: pearson(xs, ys), pairs: xs.length };
}

/**
 * The chainScore of every node: its own attainment without children; otherwise the weighted mean of its children's chainScore
 * over the children that have one (null when none has). The level rule makes the graph acyclic, so the recursion ends.
 */
export function chainScores(
  attainments: Map<string, number | null>,
  childrenOf: Map<string, { childId: string; weight: number }[]>,
): Map<string, number | null> {
  const scores = new Map<string, number | null>();
  const score = (id: string): number | null => {
    if (scores.has(id)) return scores.get(id)!;
    const children = childrenOf.get(id) ?? [];
    let result: number | null;
    if (children.length === 0) {
      result = attainments.get(id) ?? null;
    } else {
      let weighted = 0;
      let weights = 0;
      for (const { childId, weight } of children) {
        const childScore = score(childId);
        if (childScore === null) continue;
        weighted += weight * childScore;
        weights += weight;
      }
      result = weights > 0 ? round10(weighted / weights) : null;
    }
    scores.set(id, result);
    return result;
  };
  for (const id of attainments.keys()) score(id);
  return scores;
}

/** The signal of a node, from its own attainment and its chainScore. */
export function signalOf(attainment: number | null, chainScore: number | null): ChainSignal | null {
  if (attainment === null || chainScore === null) return null;
  if (chainScore >= 1 && attainment < 0.9) return ChainSignal.DISCONNECT;
  if (attainment >= 1 && chainScore < 0.9) return ChainSignal.UNDERPOWERED;
  return ChainSignal.ALIGNED;
}

/** The mean of the attainments that are not null; null when none is. */
export function meanAttainment(evaluations: { attainment: number | null }[]): number | null {
  const known = evaluations.map((e) => e.attainment).filter((a): a is number => a !== null);
  return known.length ? round10(known.reduce((a, b) => a + b, 0) / known.length) : null;
}
