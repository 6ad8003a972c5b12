import type { Loaders } from '../../core/context';
import type { Phase } from '../journeys/phase.entity';
import type { Owner } from '../journeys/owner.entity';
import type { KpiService } from '../kpi/kpi.service';
import type { Metric } from './metric.entity';
import type { MetricDefinitionService } from './metric-definition.service';
import { evaluateMetric, knownTier, meanAttainment } from './metric.evaluation';
import type { OwnerScorecard, PhaseScorecard, Scorecard } from './scorecard.types';
import type { EvaluationArgs } from './dtos/metric.args';

/** Scorecards: the metrics a phase or an owner is accountable for, each against its approved target in one period. */
export class ScorecardService {
  constructor(
    private readonly kpi: KpiService,
    private readonly metrics: MetricDefinitionService,
  ) {}

  /** The phase's success metrics. */
  async ofPhase(loaders: Loaders, phase: Phase, args: EvaluationArgs): Promise<PhaseScorecard> {
    const metrics = await this.metrics.successMetrics(loaders, phase);
    return { phase, ...(await this.scorecard(loaders, metrics, args)) };
  }

  /** Metrics the owner owns directly and the success metrics of every phase it owns, each once. */
  async ofOwner(loaders: Loaders, owner: Owner, args: EvaluationArgs): Promise<OwnerScorecard> {
    const [metrics, phases] = await Promise.all([loaders.workspaceMetrics.load('all'), loaders.phasesByOwner.load(owner.id)]);
    const phaseIds = new Set(phases.map((p) => p.id));
    const accountable = metrics.filter((m) => m.ownerId === owner.id || (m.phaseId !== null && phaseIds.has(m.phaseId)));
    return { owner, ...(await this.scorecard(loaders, accountable, args)) };
  }

  /** Each metric in the last period of the range against its approved target, and the mean attainment. */
  private async scorecard(loaders: Loaders, metrics: Metric[], { period, tier: tierKey }: EvaluationArgs): Promise<Scorecard> {
    const [periods, tier] = await Promise.all([this.kpi.periodsOf(loaders, period), knownTier(loaders, tierKey)]);
    const last = periods[periods.length - 1];
    const [evaluated, [{ complete, dataThrough }]] = await Promise.all([
      Promise.all(metrics.map((m) => evaluateMetric(loaders, m, period.grain, [last], tier))),
      this.kpi.coverageOf(loaders, [last]),
    ]);
    const entries = metrics.map((metric, i) => ({ metric, ...evaluated[i].evaluation }));
    return { periodStart: last.start, periodEnd: last.end, complete, dataThrough, tier, entries, meanAttainment: meanAttainment(entries) };
  }
}
