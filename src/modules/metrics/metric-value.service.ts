import type { DataSource } from 'typeorm';
import { badInput } from '../../core/errors';
import type { Loaders } from '../../core/context';
import { uuidKey } from '../../core/sql';
import { Workspace } from '../workspaces/workspace.entity';
import type { KpiService } from '../kpi/kpi.service';
import { Dimension } from '../kpi/catalogue/kpi.enums';
import { assess } from '../kpi/kpi.attainment';
import type { KpiGroup } from '../kpi/kpi.types';
import type { SeriesArgs } from '../kpi/dtos/kpi.args';
import {
  BatchReport,
  RowProblemReason,
  assertBatchSize,
  checkDuplicateKeys,
  checkRowRules,
  inBatchTransaction,
  resolveReferences,
  sortedByKey,
  upsertRows,
  type IngestionResult,
} from '../facts/ingestion';
import { approvedTargets } from '../targets/target.loaders';
import { Metric } from './metric.entity';
import { MetricSource } from './metric.enums';
import { completePeriods, metricTargetLookup } from './metric.evaluation';
import { MAX_ABS_VALUE, periodStartProblem } from './metric.rules';
import { valueProblem } from './value.rules';
import type { MetricSeries } from './metric.types';
import type { MetricValueRowInput } from './dtos/metric.inputs';

const NUL = '\u0000';

function groupOfTier(tier: string | null): KpiGroup {
  return { tier, segment: null, region: null, channel: null, partner: null, campaign: null, phase: null };
}

/** The values of metrics: recorded for OBSERVED metrics (per grain, period and tier), the KPI's series for a KPI source. */
export class MetricValueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kpi: KpiService,
  ) {}

  /** recordMetricValues: the batch contract of every ingestion mutation, natural key (metric, grain, periodStart, tier). */
  async recordValues(workspaceId: string, rows: MetricValueRowInput[]): Promise<IngestionResult> {
    assertBatchSize(rows);
    return inBatchTransaction(this.dataSource, async (em) => {
      const report = new BatchReport();
      checkRowRules(rows, report);
      const { fiscalYearStartMonth } = await em.getRepository(Workspace).findOneOrFail({ where: { id: workspaceId } });
      rows.forEach((r, i) => {
        if (!Number.isFinite(r.value) || Math.abs(r.value) >= MAX_ABS_VALUE) report.invalid(i, 'value', 'value must be a number below 10^15 in size');
        const problem = report.has(i, 'periodStart') ? null : periodStartProblem(r.grain, r.periodStart, fiscalYearStartMonth);
        if (problem) report.invalid(i, 'periodStart', `periodStart ${problem}`);
      });
      checkDuplicateKeys(rows, (r) => [r.metric, r.grain, r.periodStart, r.tier ?? ''].join(NUL), 'periodStart', report);
      const metrics = await em.getRepository(Metric).find({ where: { workspaceId } });
      const byKey = new Map(metrics.map((m) => [m.key, m]));
      rows.forEach((r, i) => {
        if (report.has(i, 'metric')) return;
        const metric = byKey.get(r.metric);
        if (!metric) report.add(i, 'metric', RowProblemReason.NOT_FOUND, `no metric "${r.metric}" in this workspace`);
        else if (metric.source !== MetricSource.OBSERVED) {
          report.invalid(i, 'metric', `"${r.metric}" takes its values from KPI ${metric.kpi}; only OBSERVED metrics record values`);
        } else if (!report.has(i, 'value')) {
          const problem = valueProblem(r.value, { metric: metric.key, unit: metric.unit });
          if (problem) report.invalid(i, 'value', problem);
        }
      });
      const tiers = await resolveReferences(em, 'tier', workspaceId, rows, 'tier', 'tier with key', report);
      report.throwIfAny(rows.length);
      const sorted = sortedByKey(
        rows.map((r) => ({ metricId: byKey.get(r.metric)!.id, grain: r.grain, periodStart: r.periodStart, tierId: r.tier ? tiers.get(r.tier)! : null, value: r.value })),
        (r) => [r.metricId, r.grain, r.periodStart, r.tierId ?? ''].join(NUL),
      );
      return upsertRows(em, {
        table: 'metric_value',
        workspaceId,
        key: ['metric_id', 'grain', 'period_start', 'tier_id'],
        conflictTarget: `"workspace_id", "metric_id", "grain", "period_start", (${uuidKey('"tier_id"')})`,
        columns: [
          { name: 'metric_id', type: 'uuid', values: sorted.map((r) => r.metricId) },
          { name: 'grain', type: 'grain', values: sorted.map((r) => r.grain) },
          { name: 'period_start', type: 'date', values: sorted.map((r) => r.periodStart) },
          { name: 'tier_id', type: 'uuid', values: sorted.map((r) => r.tierId) },
          { name: 'value', type: 'numeric', values: sorted.map((r) => String(r.value)) },
        ],
        touch: ['updated_at = now()'],
      });
    });
  }

  /**
   * `metric.values`: a KPI source is the KPI's series (any grouping and filter the engine takes); an OBSERVED metric is its recorded
   * values, which exist only per tier or for the whole workspace: ungrouped it shows the whole-workspace values (or, filtered on one
   * tier, that tier's), grouped by TIER one series per tier of the workspace in rank order. Recorded values are never summed over
   * tiers or months: a metric may be a rate.
   */
  async values(workspaceId: string, loaders: Loaders, metric: Metric, args: SeriesArgs): Promise<MetricSeries[]> {
    if (metric.source === MetricSource.KPI) {
      const series = await this.kpi.series(workspaceId, loaders, { metrics: [metric.kpi!], ...args });
      return series.map(({ group, points }) => ({ group, points }));
    }
    const groupBy = [...new Set(args.groupBy ?? [])];
    const otherFilters = Object.entries(args.filter ?? {}).filter(([d, v]) => d !== 'tier' && v !== null && v !== undefined);
    if (groupBy.some((d) => d !== Dimension.TIER) || otherFilters.length) {
      throw badInput([{ path: groupBy.some((d) => d !== Dimension.TIER) ? 'groupBy' : 'filter', message: `"${metric.key}" is OBSERVED: its values are recorded per tier only; group and filter by TIER alone` }]);
    }
    const periods = await this.kpi.periodsOf(loaders, args.period);
    const tierFilter = args.filter?.tier ?? null;
    let tiers: (string | null)[];
    if (groupBy.length) {
      tiers = (await loaders.workspaceTiers.load('all')).map((t) => t.key).filter((key) => !tierFilter || tierFilter.includes(key));
    } else if (tierFilter) {
      if (tierFilter.length !== 1) throw badInput([{ path: 'filter.tier', message: 'an OBSERVED metric ungrouped shows one tier at most; group by TIER for several' }]);
      tiers = [tierFilter[0]];
    } else {
      tiers = [null];
    }
    const grain = args.period.grain;
    const lookups = tiers.flatMap((tier) => periods.map((p) => ({ metricId: metric.id, grain, periodStart: p.start, tier })));
    const [values, targets, coverage] = await Promise.all([
      loaders.observedValue.loadMany(lookups),
      approvedTargets(loaders, tiers.flatMap((tier) => periods.map((p) => metricTargetLookup(metric, grain, p, tier)))),
      completePeriods(loaders, metric, periods),
    ]);
    return tiers.map((tier, t) => ({
      group: groupOfTier(groupBy.length ? tier : null),
      points: periods.map((period, p) => {
        const index = t * periods.length + p;
        const value = values[index];
        if (value instanceof Error) throw value;
        const { complete, dataThrough } = coverage[p];
        return { periodStart: period.start, periodEnd: period.end, value, ...assess(value, targets[index], metric.direction, complete), complete, dataThrough };
      }),
    }));
  }
}
