import type { DataSource, EntityManager } from 'typeorm';
import { AppError, ErrorCode, badInput, conflict } from '../../core/errors';
import { isUuid } from '../../core/loader-factories';
import type { Loaders } from '../../core/context';
import { Phase } from '../journeys/phase.entity';
import { Owner } from '../journeys/owner.entity';
import { KPIS } from '../kpi/catalogue/kpi.definitions';
import type { KpiUnit } from '../kpi/catalogue/kpi.enums';
import { CUSTOMER_EQUITY_METRIC, Metric } from './metric.entity';
import { MetricLevel, MetricSource } from './metric.enums';
import { levelRuleProblem, metricNotFound } from './metric.rules';
import { valueProblem } from './value.rules';
import type { MetricDeletion } from './metric.types';
import type { CreateMetricInput, MetricFilter, UpdateMetricInput } from './dtos/metric.inputs';

const linkLabel = (link: { child: string; parent: string }) => `${link.child} → ${link.parent}`;

/** The metrics of a workspace: reading them, and creating, changing and deleting one under the rules of metric chains. */
export class MetricDefinitionService {
  constructor(private readonly dataSource: DataSource) {}

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

  async metricById(loaders: Loaders, id: string): Promise<Metric> {
    return (await loaders.workspaceMetrics.load('all')).find((m) => m.id === id)!;
  }

  /** The success metrics of a phase: the metrics whose phase it is. */
  async successMetrics(loaders: Loaders, phase: Phase): Promise<Metric[]> {
    return (await loaders.workspaceMetrics.load('all')).filter((m) => m.phaseId === phase.id);
  }

  /** The metrics an owner owns directly. */
  async ownedMetrics(loaders: Loaders, owner: Owner): Promise<Metric[]> {
    return (await loaders.workspaceMetrics.load('all')).filter((m) => m.ownerId === owner.id);
  }

  // ---- writing

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

  /** The links a metric takes part in, either side, with the keys and levels of both ends. */
  private async linksWithKeys(em: EntityManager, workspaceId: string, metricId: string) {
    return (await em.query(
      `SELECT c.key AS child, c.level AS "childLevel", p.key AS parent, p.level AS "parentLevel"
         FROM metric_link l JOIN metric c ON c.workspace_id = l.workspace_id AND c.id = l.child_id
         JOIN metric p ON p.workspace_id = l.workspace_id AND p.id = l.parent_id
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
}
