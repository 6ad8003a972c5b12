import type { DataSource, EntityManager } from 'typeorm';
import { AppError, ErrorCode, badInput, conflict } from '../../core/errors';
import { isUuid } from '../../core/loader-factories';
import { Workspace } from '../workspaces/workspace.entity';
import { Phase } from '../journeys/phase.entity';
import { Owner } from '../journeys/owner.entity';
import type { Loaders } from '../../core/context';
import type { KpiService } from '../kpi/kpi.service';
import { KPIS } from '../kpi/catalogue/kpi.definitions';
import { Dimension, type Grain, type KpiUnit } from '../kpi/catalogue/kpi.enums';
import { assess } from '../kpi/kpi.attainment';
import { periodsBetween, shiftPeriod, type Period } from '../../core/period.calculator';
import type { PeriodInput, SegmentFilter } from '../kpi/dtos/kpi.inputs';
import type { KpiGroup } from '../kpi/kpi.types';
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
import { CUSTOMER_EQUITY_METRIC, Metric } from './metric.entity';
import { MetricLink } from './metric-link.entity';
import { LEVEL_HEIGHT, MetricLevel, MetricSource, parentLevelsOf } from './metric.enums';
import { valueProblem } from './value.rules';
import { chainScores, completePeriods, evaluateMetric, linkEvidence, meanAttainment, metricTargetLookup, signalOf } from './metric.evaluation';
import type { MetricChain, MetricDeletion, MetricSeries, OwnerScorecard, PhaseScorecard, ScorecardEntry } from './metric.types';
import type { CreateMetricInput, MetricFilter, MetricLinkInput, MetricValueRowInput, UpdateMetricInput } from './dtos/metric.inputs';

const NUL = '\u0000';
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
const MAX_WEIGHT = 1_000_000;
/** Recorded values and targets are numeric; beyond this a value is surely a mistake. */
export const MAX_ABS_VALUE = 1e15;

export const metricNotFound = (key: string) => new AppError(ErrorCode.NOT_FOUND, `No metric with key "${key}" in this workspace.`, { key });

/** Whether `date` is the first day of a period of `grain` under the workspace's fiscal year. */
export function isPeriodStart(grain: Grain, date: string, fiscalYearStartMonth: number): boolean {
  const [period] = periodsBetween(grain, date, date, fiscalYearStartMonth);
  return period?.start === date;
}

export function periodStartProblem(grain: Grain, date: string, fiscalYearStartMonth: number): string | null {
  if (isPeriodStart(grain, date, fiscalYearStartMonth)) return null;
  if (grain === 'MONTH') return `must be the first day of a month, e.g. "2025-03-01" (got "${date}")`;
  return `must be the first day of a fiscal ${grain.toLowerCase()} (the fiscal year starts in month ${fiscalYearStartMonth}); got "${date}"`;
}

/** The level rule of metric chains: a child links only to a parent of a strictly higher level. */
export function levelRuleProblem(child: { key: string; level: MetricLevel }, parent: { key: string; level: MetricLevel }): string | null {
  if (LEVEL_HEIGHT[parent.level] > LEVEL_HEIGHT[child.level]) return null;
  const allowed = parentLevelsOf(child.level);
  if (allowed.length === 0) return `"${child.key}" is ${child.level}, the top of every chain: it links to no parent`;
  return `an ${child.level} metric ("${child.key}") links only to a parent of a higher level (${allowed.join(', ')}); "${parent.key}" is ${parent.level}`;
}

const linkLabel = (link: { child: string; parent: string }) => `${link.child} → ${link.parent}`;

function groupOfTier(tier: string | null): KpiGroup {
  return { tier, segment: null, region: null, channel: null, partner: null, campaign: null, phase: null };
}

/** Metrics, the links of their chains, recorded values, chains and scorecards, always within one workspace. */
export class MetricService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kpi: KpiService,
  ) {}

  // ---- reading

  async list(loaders: Loaders, filter: MetricFilter | null | undefined): Promise<Metric[]> {
    const metrics = await loaders.workspaceMetrics.load('all');
    return metrics.filter(
      (m) =>
        (!filter?.level?.length || filter.level.includes(m.level)) &&
        (!filter?.phaseId || m.phaseId === filter.phaseId) &&
        (!filter?.ownerId || m.ownerId === filter.ownerId) &&
        (!filter?.source || m.source === filter.source),
    );
  }

  async byKey(loaders: Loaders, key: string): Promise<Metric> {
    const metric = (await loaders.workspaceMetrics.load('all')).find((m) => m.key === key);
    if (!metric) throw metricNotFound(key);
    return metric;
  }

  async linksOf(loaders: Loaders, metric: Metric, side: 'parents' | 'children'): Promise<MetricLink[]> {
    const links = await loaders.workspaceLinks.load('all');
    return links.filter((l) => (side === 'parents' ? l.childId === metric.id : l.parentId === metric.id));
  }

  async metricById(loaders: Loaders, id: string): Promise<Metric> {
    return (await loaders.workspaceMetrics.load('all')).find((m) => m.id === id)!;
  }

  // ---- metrics

  async create(workspaceId: string, input: CreateMetricInput): Promise<Metric> {
    const problems: { path: string; message: string }[] = [];
    if (input.level === MetricLevel.EQUITY) {
      problems.push({ path: 'level', message: `EQUITY is reserved for "${CUSTOMER_EQUITY_METRIC.key}", one per workspace; use OUTCOME, OUTPUT or ACTIVITY` });
    }
    let unit = input.unit ?? null;
    let direction = input.direction ?? null;
    let indicatorKind = input.indicatorKind ?? null;
    if (input.source === MetricSource.KPI) {
      if (!input.kpi) problems.push({ path: 'kpi', message: 'a KPI source names the KPI its values come from' });
      else {
        const definition = KPIS[input.kpi];
        if (unit && unit !== definition.unit) problems.push({ path: 'unit', message: `${input.kpi} is in ${definition.unit}; omit unit or give ${definition.unit}` });
        if (direction && direction !== definition.direction) {
          problems.push({ path: 'direction', message: `${input.kpi} is ${definition.direction}; omit direction or give ${definition.direction}` });
        }
        if (indicatorKind && indicatorKind !== definition.indicator) {
          problems.push({
            path: 'indicatorKind',
            message: `${input.kpi} is a ${definition.indicator} indicator in the KPI catalogue; omit indicatorKind or give ${definition.indicator}`,
          });
        }
        unit = definition.unit;
        direction = definition.direction;
        indicatorKind = definition.indicator;
      }
    } else {
      if (input.kpi) problems.push({ path: 'kpi', message: 'an OBSERVED metric names no KPI: its values are recorded with recordMetricValues' });
      if (!unit) problems.push({ path: 'unit', message: 'an OBSERVED metric needs a unit' });
      if (!direction) problems.push({ path: 'direction', message: 'an OBSERVED metric needs a direction' });
      if (!indicatorKind) problems.push({ path: 'indicatorKind', message: 'an OBSERVED metric needs an indicatorKind, LEADING or TRAILING' });
    }
    if (problems.length) throw badInput(problems);
    return this.dataSource.transaction(async (em) => {
      if (await em.getRepository(Metric).exists({ where: { workspaceId, key: input.key } })) {
        throw conflict(`A metric with key "${input.key}" already exists in this workspace.`);
      }
      await this.assertReferences(em, workspaceId, input);
      const repo = em.getRepository(Metric);
      return repo.save(
        repo.create({
          workspaceId,
          key: input.key,
          name: input.name,
          description: input.description ?? null,
          level: input.level,
          indicatorKind: indicatorKind!,
          unit: unit!,
          direction: direction!,
          source: input.source,
          kpi: input.source === MetricSource.KPI ? input.kpi! : null,
          phaseId: input.phaseId ?? null,
          ownerId: input.ownerId ?? null,
        }),
      );
    });
  }

  async update(workspaceId: string, key: string, input: UpdateMetricInput): Promise<Metric> {
    return this.dataSource.transaction(async (em) => {
      const metric = await this.lockMetric(em, workspaceId, key);
      const problems: { path: string; message: string }[] = [];
      const isEquity = metric.level === MetricLevel.EQUITY;
      if (input.level !== undefined && input.level !== metric.level) {
        if (isEquity) problems.push({ path: 'level', message: `"${metric.key}" is the workspace's EQUITY metric and stays EQUITY` });
        else if (input.level === MetricLevel.EQUITY) {
          problems.push({ path: 'level', message: `EQUITY is reserved for "${CUSTOMER_EQUITY_METRIC.key}"; use OUTCOME, OUTPUT or ACTIVITY` });
        }
      }
      if (metric.source === MetricSource.KPI && ((input.unit && input.unit !== metric.unit) || (input.direction && input.direction !== metric.direction))) {
        problems.push({ path: input.unit && input.unit !== metric.unit ? 'unit' : 'direction', message: `a KPI source takes the unit and direction of ${metric.kpi}` });
      }
      if (metric.source === MetricSource.KPI && input.indicatorKind && input.indicatorKind !== KPIS[metric.kpi!].indicator) {
        problems.push({
          path: 'indicatorKind',
          message: `a KPI source takes its indicator kind from the KPI catalogue: ${metric.kpi} is ${KPIS[metric.kpi!].indicator}`,
        });
      }
      if (problems.length) throw badInput(problems);
      if (input.level !== undefined && input.level !== metric.level) {
        const broken = (await this.linksWithKeys(em, workspaceId, metric.id))
          .map((link) =>
            link.child === metric.key
              ? levelRuleProblem({ key: metric.key, level: input.level! }, { key: link.parent, level: link.parentLevel })
              : levelRuleProblem({ key: link.child, level: link.childLevel }, { key: metric.key, level: input.level! }),
          )
          .filter((p): p is string => p !== null);
        if (broken.length) {
          throw badInput([{ path: 'level', message: `as ${input.level} its links would break the level rule: ${broken.join('; ')}; unlink them first` }]);
        }
      }
      if (input.unit && input.unit !== metric.unit) await this.assertValuesFit(em, workspaceId, metric, input.unit);
      await this.assertReferences(em, workspaceId, input);
      for (const field of ['name', 'description', 'level', 'indicatorKind', 'unit', 'direction', 'phaseId', 'ownerId'] as const) {
        if (input[field] !== undefined) (metric as unknown as Record<string, unknown>)[field] = input[field];
      }
      return em.getRepository(Metric).save(metric);
    });
  }

  /**
   * Deletes a metric with its recorded values and targets. A metric that links or is linked is refused with CONFLICT naming the links
   * (`extensions.links`) unless `force` is true, which removes those links with it. `customer_equity` is never deleted.
   */
  async delete(workspaceId: string, key: string, force: boolean): Promise<MetricDeletion> {
    return this.dataSource.transaction(async (em) => {
      const metric = await this.lockMetric(em, workspaceId, key);
      if (metric.level === MetricLevel.EQUITY) {
        throw conflict(`"${metric.key}" is the workspace's customer equity metric, the top of every chain; it cannot be deleted.`);
      }
      const links = (await this.linksWithKeys(em, workspaceId, metric.id)).map(({ child, parent }) => ({ child, parent }));
      if (links.length && !force) {
        throw new AppError(
          ErrorCode.CONFLICT,
          `Metric "${key}" is held by ${links.length} link(s): ${links.map(linkLabel).join(', ')}. Unlink them first, or delete with force: true to remove them too.`,
          { links },
        );
      }
      await em.getRepository(Metric).delete({ workspaceId, id: metric.id });
      return { key, linksRemoved: links.length };
    });
  }

  // ---- links

  async link(workspaceId: string, input: MetricLinkInput): Promise<MetricLink> {
    const weight = this.checkWeight(input.weight ?? 1);
    return this.dataSource.transaction(async (em) => {
      const [child, parent] = await this.linkEnds(em, workspaceId, input);
      const problem = levelRuleProblem(child, parent);
      if (problem) throw badInput([{ path: 'parent', message: problem }]);
      if (await em.getRepository(MetricLink).exists({ where: { workspaceId, childId: child.id, parentId: parent.id } })) {
        throw conflict(`"${child.key}" is already linked to "${parent.key}"; change its weight with reweightMetricLink.`);
      }
      const repo = em.getRepository(MetricLink);
      return repo.save(repo.create({ workspaceId, childId: child.id, parentId: parent.id, weight }));
    });
  }

  async reweight(workspaceId: string, input: MetricLinkInput): Promise<MetricLink> {
    if (input.weight === undefined || input.weight === null) throw badInput([{ path: 'weight', message: 'give the new weight' }]);
    const weight = this.checkWeight(input.weight);
    return this.dataSource.transaction(async (em) => {
      const link = await this.findLink(em, workspaceId, input);
      link.weight = weight;
      return em.getRepository(MetricLink).save(link);
    });
  }

  async unlink(workspaceId: string, input: { child: string; parent: string }): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const link = await this.findLink(em, workspaceId, input);
      await em.getRepository(MetricLink).delete({ workspaceId, id: link.id });
      return true;
    });
  }

  private checkWeight(weight: number): number {
    if (!Number.isFinite(weight) || weight <= 0 || weight > MAX_WEIGHT) {
      throw badInput([{ path: 'weight', message: `weight must be greater than 0 and at most ${MAX_WEIGHT.toLocaleString('en')}; got ${weight}` }]);
    }
    return weight;
  }

  private async linkEnds(em: EntityManager, workspaceId: string, input: { child: string; parent: string }): Promise<[Metric, Metric]> {
    const found = await em.getRepository(Metric).find({ where: [{ workspaceId, key: input.child }, { workspaceId, key: input.parent }] });
    const child = found.find((m) => m.key === input.child);
    const parent = found.find((m) => m.key === input.parent);
    if (!child) throw metricNotFound(input.child);
    if (!parent) throw metricNotFound(input.parent);
    return [child, parent];
  }

  private async findLink(em: EntityManager, workspaceId: string, input: { child: string; parent: string }): Promise<MetricLink> {
    const [child, parent] = await this.linkEnds(em, workspaceId, input);
    const link = await em.getRepository(MetricLink).findOne({ where: { workspaceId, childId: child.id, parentId: parent.id } });
    if (!link) throw new AppError(ErrorCode.NOT_FOUND, `"${child.key}" is not linked to "${parent.key}".`, { child: child.key, parent: parent.key });
    return link;
  }

  /** The links a metric takes part in, either side, with the keys and levels of both ends. */
  private async linksWithKeys(em: EntityManager, workspaceId: string, metricId: string) {
    return (await em.query(
      `SELECT c.key AS child, c.level AS "childLevel", p.key AS parent, p.level AS "parentLevel"
         FROM metric_link l JOIN metric c ON c.id = l.child_id JOIN metric p ON p.id = l.parent_id
        WHERE l.workspace_id = $1 AND (l.child_id = $2 OR l.parent_id = $2)
        ORDER BY p.key, c.key`,
      [workspaceId, metricId],
    )) as { child: string; childLevel: MetricLevel; parent: string; parentLevel: MetricLevel }[];
  }

  private async lockMetric(em: EntityManager, workspaceId: string, key: string): Promise<Metric> {
    const metric = await em.getRepository(Metric).findOne({ where: { workspaceId, key }, lock: { mode: 'pessimistic_write' } });
    if (!metric) throw metricNotFound(key);
    return metric;
  }

  /** A new unit must hold the metric's recorded values and targets (value.rules.ts): else BAD_USER_INPUT naming the smallest or largest. */
  private async assertValuesFit(em: EntityManager, workspaceId: string, metric: Metric, unit: KpiUnit) {
    const [range]: { least: number | null; greatest: number | null }[] = await em.query(
      `SELECT min(v)::float8 AS least, max(v)::float8 AS greatest FROM (
         SELECT value AS v FROM metric_value WHERE workspace_id = $1 AND metric_id = $2
         UNION ALL SELECT value FROM target WHERE workspace_id = $1 AND metric_id = $2) x`,
      [workspaceId, metric.id],
    );
    for (const value of [range.greatest, range.least]) {
      const problem = value === null ? null : valueProblem(value, { metric: metric.key, unit });
      if (problem) {
        const span = `from ${range.least!.toLocaleString('en')} to ${range.greatest!.toLocaleString('en')}`;
        throw badInput([
          { path: 'unit', message: `its recorded values and targets (${span}) do not fit the new unit: ${problem}; correct them first (recordMetricValues, upsertTargets)` },
        ]);
      }
    }
  }

  private async assertReferences(em: EntityManager, workspaceId: string, input: { phaseId?: string | null; ownerId?: string | null }) {
    const problems: { path: string; message: string }[] = [];
    if (input.phaseId && !(isUuid(input.phaseId) && (await em.getRepository(Phase).exists({ where: { workspaceId, id: input.phaseId } })))) {
      problems.push({ path: 'phaseId', message: `no phase with id "${input.phaseId}" in this workspace` });
    }
    if (input.ownerId && !(isUuid(input.ownerId) && (await em.getRepository(Owner).exists({ where: { workspaceId, id: input.ownerId } })))) {
      problems.push({ path: 'ownerId', message: `no owner with id "${input.ownerId}" in this workspace` });
    }
    if (problems.length) throw badInput(problems);
  }

  // ---- recorded values

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
        conflictTarget: `"workspace_id", "metric_id", "grain", "period_start", (COALESCE("tier_id", '${ZERO_UUID}'::uuid))`,
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
  async values(
    workspaceId: string,
    loaders: Loaders,
    metric: Metric,
    args: { period: PeriodInput; groupBy?: Dimension[] | null; filter?: SegmentFilter | null },
  ): Promise<MetricSeries[]> {
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

  // ---- chains and scorecards

  private async checkTier(loaders: Loaders, tier: string | null | undefined): Promise<string | null> {
    if (tier === null || tier === undefined) return null;
    if (!(await loaders.workspaceTiers.load('all')).some((t) => t.key === tier)) {
      throw badInput([{ path: 'tier', message: `no tier with key "${tier}" in this workspace` }]);
    }
    return tier;
  }

  /**
   * A metric chain, evaluated in the LAST period of the range: every node's value, target and attainment there; chainScore
   * and signal from them; each edge's evidence over the `evidencePeriods` periods up to it, the child `lag` periods earlier.
   * Statements: metrics, links, (tiers), one engine statement for every KPI-source node, one for every recorded value, one for
   * every target — whatever the size of the chain.
   */
  async chain(
    loaders: Loaders,
    args: { rootKey: string; period: PeriodInput; tier?: string | null; evidencePeriods: number; lag: number },
  ): Promise<MetricChain> {
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
      this.checkTier(loaders, args.tier),
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

  async successMetrics(loaders: Loaders, phase: Phase): Promise<Metric[]> {
    return (await loaders.workspaceMetrics.load('all')).filter((m) => m.phaseId === phase.id);
  }

  async ownedMetrics(loaders: Loaders, owner: Owner): Promise<Metric[]> {
    return (await loaders.workspaceMetrics.load('all')).filter((m) => m.ownerId === owner.id);
  }

  async phaseScorecard(loaders: Loaders, phase: Phase, period: PeriodInput, tier?: string | null): Promise<PhaseScorecard> {
    const metrics = await this.successMetrics(loaders, phase);
    return { phase, tier: tier ?? null, ...(await this.scorecard(loaders, metrics, period, tier)) };
  }

  /** Metrics the owner owns directly and the success metrics of every phase it owns, each once. */
  async ownerScorecard(loaders: Loaders, owner: Owner, period: PeriodInput, tier?: string | null): Promise<OwnerScorecard> {
    const [metrics, phases] = await Promise.all([loaders.workspaceMetrics.load('all'), loaders.phasesByOwner.load(owner.id)]);
    const phaseIds = new Set(phases.map((p) => p.id));
    const accountable = metrics.filter((m) => m.ownerId === owner.id || (m.phaseId !== null && phaseIds.has(m.phaseId)));
    return { owner, tier: tier ?? null, ...(await this.scorecard(loaders, accountable, period, tier)) };
  }

  /** Each metric in the last period of the range against its approved target, and the mean attainment. */
  private async scorecard(loaders: Loaders, metrics: Metric[], period: PeriodInput, tierKey?: string | null) {
    const [periods, tier] = await Promise.all([this.kpi.periodsOf(loaders, period), this.checkTier(loaders, tierKey)]);
    const last = periods[periods.length - 1];
    const [evaluated, [{ complete, dataThrough }]] = await Promise.all([
      Promise.all(metrics.map((m) => evaluateMetric(loaders, m, period.grain, [last], tier))),
      this.kpi.coverageOf(loaders, [last]),
    ]);
    const entries: ScorecardEntry[] = metrics.map((metric, i) => ({ metric, ...evaluated[i].evaluation }));
    return { periodStart: last.start, periodEnd: last.end, complete, dataThrough, entries, meanAttainment: meanAttainment(entries) };
  }
}
