import { badInput } from '../../core/errors';
import type { Loaders } from '../../core/context';
import { shiftPeriod, type Period } from '../../core/period.calculator';
import type { KpiService } from '../kpi/kpi.service';
import type { Metric } from './metric.entity';
import type { MetricLink } from './metric-link.entity';
import { LEVEL_HEIGHT } from './metric.enums';
import { chainScores, evaluateMetric, knownTier, linkEvidence, signalOf } from './metric.evaluation';
import { metricNotFound } from './metric.rules';
import type { MetricChain } from './metric.types';
import type { MetricChainArgs } from './dtos/metric.args';

/** Metric chains: a root metric and every metric below it, evaluated together in one period. */
export class MetricChainService {
  constructor(private readonly kpi: KpiService) {}

  /**
   * The chain below `rootKey`, evaluated in the LAST period of the range: every node's value, target and attainment there; chainScore
   * and signal from them; each edge's evidence over the `evidencePeriods` periods up to it, the child `lag` periods earlier.
   * Statements: metrics, links, (tiers), one engine statement for every KPI-source node, one for every recorded value, one for
   * every target — whatever the size of the chain.
   */
  async chain(loaders: Loaders, args: MetricChainArgs): Promise<MetricChain> {
    const problems: { path: string; message: string }[] = [];
    if (!Number.isInteger(args.evidencePeriods) || args.evidencePeriods < 3 || args.evidencePeriods > 60) {
      problems.push({ path: 'evidencePeriods', message: 'evidencePeriods must be between 3 and 60' });
    }
    if (!Number.isInteger(args.lag) || args.lag < 0 || args.lag > 12) problems.push({ path: 'lag', message: 'lag must be between 0 and 12' });
    if (problems.length) throw badInput(problems);
    const [periods, metrics, links, tier] = await Promise.all([
      this.kpi.periodsOf(loaders, args.period),
      loaders.workspaceMetrics.load('all'),
      loaders.workspaceLinks.load('all'),
      knownTier(loaders, args.tier),
    ]);
    const root = metrics.find((m) => m.key === args.rootKey);
    if (!root) throw metricNotFound(args.rootKey);
    const byId = new Map(metrics.map((m) => [m.id, m]));

    // The chain below the root, breadth first: depth is the shortest distance from the root.
    const childLinks = new Map<string, MetricLink[]>();
    for (const link of links) childLinks.set(link.parentId, [...(childLinks.get(link.parentId) ?? []), link]);
    const depth = new Map<string, number>([[root.id, 0]]);
    const queue = [root.id];
    while (queue.length) {
      const id = queue.shift()!;
      for (const link of childLinks.get(id) ?? []) {
        if (!depth.has(link.childId)) {
          depth.set(link.childId, depth.get(id)! + 1);
          queue.push(link.childId);
        }
      }
    }
    const nodes = [...depth.keys()].map((id) => byId.get(id)!);
    const edges = links.filter((l) => depth.has(l.parentId));

    const last = periods[periods.length - 1];
    const span = args.evidencePeriods + args.lag;
    const window: Period[] = Array.from({ length: span }, (_, i) => shiftPeriod(last, i - span + 1));
    const [evaluated, coverage] = await Promise.all([
      Promise.all(nodes.map((m) => evaluateMetric(loaders, m, args.period.grain, window, tier))),
      this.kpi.coverageOf(loaders, window),
    ]);
    const result = new Map(nodes.map((m, i) => [m.id, evaluated[i]]));
    // Evidence pairs whole periods only: a KPI's value to date is no point of the same series as whole periods.
    const completeOnly = (id: string) => {
      const { series, complete } = result.get(id)!;
      return series.map((value, i) => (complete[i] ? value : null));
    };

    const scores = chainScores(
      new Map(nodes.map((m) => [m.id, result.get(m.id)!.evaluation.attainment])),
      new Map(nodes.map((m) => [m.id, (childLinks.get(m.id) ?? []).map((l) => ({ childId: l.childId, weight: l.weight }))])),
    );
    const order = (a: Metric, b: Metric) =>
      depth.get(a.id)! - depth.get(b.id)! || LEVEL_HEIGHT[b.level] - LEVEL_HEIGHT[a.level] || (a.key < b.key ? -1 : 1);
    const { complete, dataThrough } = coverage[coverage.length - 1];
    return {
      root,
      periodStart: last.start,
      periodEnd: last.end,
      complete,
      dataThrough,
      tier,
      nodes: [...nodes].sort(order).map((metric) => {
        const { evaluation } = result.get(metric.id)!;
        const chainScore = scores.get(metric.id) ?? null;
        return { metric, depth: depth.get(metric.id)!, ...evaluation, chainScore, signal: signalOf(evaluation.attainment, chainScore) };
      }),
      edges: edges
        .map((link) => {
          const child = byId.get(link.childId)!;
          const parent = byId.get(link.parentId)!;
          const evidence = linkEvidence(completeOnly(child.id), completeOnly(parent.id), args.lag);
          return { child, parent, weight: link.weight, evidence: { ...evidence, periods: args.evidencePeriods, lag: args.lag } };
        })
        .sort((a, b) => (a.parent.key < b.parent.key ? -1 : a.parent.key > b.parent.key ? 1 : a.child.key < b.child.key ? -1 : 1)),
    };
  }
}
