import { In, type DataSource } from 'typeorm';
import { AppError, ErrorCode, badInput } from '../../core/errors';
import { isUuid } from '../../core/loader-factories';
import type { Caller } from '../../core/auth';
import { Workspace } from '../workspaces/workspace.entity';
import { Metric } from '../metrics/metric.entity';
import { MetricSource } from '../metrics/metric.enums';
import { MAX_ABS_VALUE, periodStartProblem } from '../metrics/metric.rules';
import { valueProblem } from '../metrics/value.rules';
import { uuidKey } from '../../core/sql';
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
import { Target } from './target.entity';
import type { TargetFilter, TargetKeyInput, TargetRowInput } from './dtos/target.inputs';

const NUL = '\u0000';
/** The most targets one `targets` query returns. */
export const MAX_TARGETS = 10_000;

const keyLabel = (k: TargetKeyInput) =>
  `${k.metric ? `metric ${k.metric}` : `KPI ${k.kpi}`} ${k.grain} ${k.periodStart}${k.tier ? ` tier ${k.tier}` : ''}`;

/** Targets per KPI or OBSERVED metric, grain, period and tier: drafted by editors, approved by finance. */
export class TargetService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * upsertTargets: the batch contract of the ingestion mutations. A new row is a DRAFT; a row whose value changes becomes a DRAFT
   * again and loses its approval; a row sent with the same value is unchanged and keeps its status.
   */
  async upsert(workspaceId: string, rows: TargetRowInput[]): Promise<IngestionResult> {
    assertBatchSize(rows);
    return inBatchTransaction(this.dataSource, async (em) => {
      const report = new BatchReport();
      checkRowRules(rows, report);
      const { fiscalYearStartMonth } = await em.getRepository(Workspace).findOneOrFail({ where: { id: workspaceId } });
      rows.forEach((r, i) => {
        if (!r.metric === !r.kpi) report.invalid(i, r.metric ? 'kpi' : 'metric', 'name exactly one of metric (an OBSERVED metric key) and kpi');
        if (!Number.isFinite(r.value) || Math.abs(r.value) >= MAX_ABS_VALUE) report.invalid(i, 'value', 'value must be a number below 10^15 in size');
        const problem = periodStartProblem(r.grain, r.periodStart, fiscalYearStartMonth);
        if (problem) report.invalid(i, 'periodStart', `periodStart ${problem}`);
      });
      checkDuplicateKeys(rows, (r) => [r.metric ?? '', r.kpi ?? '', r.grain, r.periodStart, r.tier ?? ''].join(NUL), 'periodStart', report);
      const metrics = await this.observedMetrics(workspaceId, rows, report);
      rows.forEach((r, i) => {
        if (report.has(i, 'value') || report.has(i, 'metric') || report.has(i, 'kpi')) return;
        const metric = r.metric ? metrics.get(r.metric) : undefined;
        const subject = metric ? { metric: metric.key, unit: metric.unit } : r.kpi && !r.metric ? { kpi: r.kpi } : null;
        const problem = subject && valueProblem(r.value, subject);
        if (problem) report.invalid(i, 'value', problem);
      });
      const tiers = await resolveReferences(em, 'tier', workspaceId, rows, 'tier', 'tier with key', report);
      report.throwIfAny(rows.length);
      const sorted = sortedByKey(
        rows.map((r) => ({
          metricId: r.metric ? metrics.get(r.metric)!.id : null,
          kpi: r.metric ? null : r.kpi!,
          grain: r.grain,
          periodStart: r.periodStart,
          tierId: r.tier ? tiers.get(r.tier)! : null,
          value: String(r.value),
        })),
        (r) => [r.metricId ?? '', r.kpi ?? '', r.grain, r.periodStart, r.tierId ?? ''].join(NUL),
      );
      return upsertRows(em, {
        table: 'target',
        workspaceId,
        key: ['metric_id', 'kpi', 'grain', 'period_start', 'tier_id'],
        conflictTarget: `"workspace_id", (${uuidKey('"metric_id"')}), (COALESCE("kpi", '')), "grain", "period_start", (${uuidKey('"tier_id"')})`,
        columns: [
          { name: 'metric_id', type: 'uuid', values: sorted.map((r) => r.metricId) },
          { name: 'kpi', type: 'varchar', values: sorted.map((r) => r.kpi) },
          { name: 'grain', type: 'grain', values: sorted.map((r) => r.grain) },
          { name: 'period_start', type: 'date', values: sorted.map((r) => r.periodStart) },
          { name: 'tier_id', type: 'uuid', values: sorted.map((r) => r.tierId) },
          { name: 'value', type: 'numeric', values: sorted.map((r) => r.value) },
        ],
        // A changed value needs approval again.
        touch: [`status = 'DRAFT'`, 'approved_at = NULL', 'approved_by_key_id = NULL', 'approved_by = NULL', 'updated_at = now()'],
      });
    });
  }

  /** Metric ids of the rows' `metric` keys; an unknown key is NOT_FOUND, a KPI-source metric INVALID (its targets are its KPI's). */
  private async observedMetrics(workspaceId: string, rows: TargetKeyInput[], report: BatchReport): Promise<Map<string, Metric>> {
    const keys = [...new Set(rows.map((r) => r.metric).filter((k): k is string => !!k))];
    const metrics = keys.length ? await this.dataSource.getRepository(Metric).find({ where: { workspaceId, key: In(keys) } }) : [];
    const byKey = new Map(metrics.map((m) => [m.key, m]));
    rows.forEach((r, i) => {
      if (!r.metric || report.has(i, 'metric')) return;
      const metric = byKey.get(r.metric);
      if (!metric) report.add(i, 'metric', RowProblemReason.NOT_FOUND, `no metric "${r.metric}" in this workspace`);
      else if (metric.source !== MetricSource.OBSERVED) {
        report.invalid(i, 'metric', `"${r.metric}" takes its values and targets from KPI ${metric.kpi}: send kpi: ${metric.kpi} instead`);
      }
    });
    return byKey;
  }

  /**
   * Approves the named targets (by id, by natural key, or both) in one statement. Every one must exist, else nothing is approved and
   * NOT_FOUND lists the missing ones. Approving an approved target changes nothing.
   */
  async approve(caller: Caller, ids: string[], keys: TargetKeyInput[]): Promise<Target[]>;
  /** The same, answering only how many it approved (no target read back: the demo approves thousands at once). */
  async approve(caller: Caller, ids: string[], keys: TargetKeyInput[], answer: 'count'): Promise<number>;
  async approve(caller: Caller, ids: string[], keys: TargetKeyInput[], answer: 'targets' | 'count' = 'targets'): Promise<Target[] | number> {
    const workspaceId = caller.workspaceId;
    if (ids.length + keys.length === 0) throw badInput([{ path: 'ids', message: 'name at least one target, by id or by key' }]);
    assertBatchSize([...ids, ...keys]);
    return this.dataSource.transaction(async (em) => {
      const byKey = keys.length
        ? ((await em.query(
            `SELECT k.i, t.id
               FROM unnest($2::varchar[], $3::varchar[], $4::grain[], $5::date[], $6::varchar[]) WITH ORDINALITY AS k(metric, kpi, grain, period_start, tier, i)
               LEFT JOIN metric m ON m.workspace_id = $1 AND m.key = k.metric
               LEFT JOIN tier tr ON tr.workspace_id = $1 AND tr.key = k.tier
               JOIN target t ON t.workspace_id = $1
                AND ${uuidKey('t.metric_id')} = ${uuidKey('m.id')} AND COALESCE(t.kpi, '') = COALESCE(k.kpi, '')
                AND t.grain = k.grain AND t.period_start = k.period_start
                AND ${uuidKey('t.tier_id')} = ${uuidKey('tr.id')}
              WHERE (k.metric IS NULL OR m.id IS NOT NULL) AND (k.tier IS NULL OR tr.id IS NOT NULL)`,
            [
              workspaceId,
              keys.map((k) => k.metric ?? null),
              keys.map((k) => (k.metric ? null : (k.kpi ?? null))),
              keys.map((k) => k.grain),
              keys.map((k) => k.periodStart),
              keys.map((k) => k.tier ?? null),
            ],
          )) as { i: string; id: string }[])
        : [];
      const foundKeys = new Map(byKey.map((row) => [Number(row.i) - 1, row.id]));
      const validIds = ids.filter(isUuid);
      const existing = validIds.length
        ? ((await em.query(`SELECT id FROM target WHERE workspace_id = $1 AND id = ANY($2::uuid[])`, [workspaceId, validIds])) as { id: string }[])
        : [];
      const known = new Set(existing.map((r) => r.id));
      const missing = [
        ...ids.filter((id) => !known.has(id)).map((id) => `id ${id}`),
        ...keys.filter((_, i) => !foundKeys.has(i)).map(keyLabel),
      ];
      if (missing.length) {
        throw new AppError(ErrorCode.NOT_FOUND, `No target in this workspace for: ${missing.join('; ')}. Nothing was approved.`, { missing });
      }
      const targetIds = [...new Set([...known, ...foundKeys.values()])];
      await em.query(
        `UPDATE target SET status = 'APPROVED', approved_at = now(), approved_by_key_id = $2,
                approved_by = (SELECT name FROM api_key WHERE workspace_id = $1 AND id = $2), updated_at = now()
          WHERE workspace_id = $1 AND id = ANY($3::uuid[]) AND status = 'DRAFT'`,
        [workspaceId, caller.keyId, targetIds],
      );
      if (answer === 'count') return targetIds.length;
      return em.getRepository(Target).find({
        where: { workspaceId, id: In(targetIds) },
        relations: { tier: true },
        order: { kpi: 'ASC', grain: 'ASC', periodStart: 'ASC' },
      });
    });
  }

  /** The targets that pass the filter, by KPI or metric, grain, period start and tier rank; at most MAX_TARGETS. */
  async list(workspaceId: string, filter: TargetFilter | null | undefined): Promise<Target[]> {
    const qb = this.dataSource
      .getRepository(Target)
      .createQueryBuilder('t')
      .leftJoinAndSelect('t.tier', 'tier')
      .leftJoin('t.metric', 'm')
      .where('t.workspace_id = :workspaceId', { workspaceId });
    if (filter?.metric) qb.andWhere('m.key = :metric', { metric: filter.metric });
    if (filter?.kpi) qb.andWhere('t.kpi = :kpi', { kpi: filter.kpi });
    if (filter?.grain) qb.andWhere('t.grain = :grain', { grain: filter.grain });
    if (filter?.from) qb.andWhere('t.period_start >= :from', { from: filter.from });
    if (filter?.to) qb.andWhere('t.period_start <= :to', { to: filter.to });
    if (filter?.status) qb.andWhere('t.status = :status', { status: filter.status });
    if (filter?.tier === '') qb.andWhere('t.tier_id IS NULL');
    else if (filter?.tier) qb.andWhere('tier.key = :tier', { tier: filter.tier });
    const targets = await qb
      .orderBy('t.kpi', 'ASC', 'NULLS LAST')
      .addOrderBy('m.key', 'ASC')
      .addOrderBy('t.grain', 'ASC')
      .addOrderBy('t.period_start', 'ASC')
      .addOrderBy('tier.rank', 'ASC', 'NULLS FIRST')
      .limit(MAX_TARGETS + 1)
      .getMany();
    if (targets.length > MAX_TARGETS) {
      throw badInput([{ path: 'filter', message: `more than ${MAX_TARGETS.toLocaleString('en')} targets match; narrow the filter (e.g. a period range)` }]);
    }
    return targets;
  }
}
