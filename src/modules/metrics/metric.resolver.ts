import { Arg, Authorized, Ctx, Extensions, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../core/context';
import { callerOf } from '../../core/auth';
import { Roles } from '../../core/role.enum';
import { kpiSizeExtension } from '../kpi/kpi.size';
import { Phase } from '../journeys/phase.entity';
import { Owner } from '../journeys/owner.entity';
import { Dimension, IndicatorKind } from '../kpi/catalogue/kpi.enums';
import { KPIS } from '../kpi/catalogue/kpi.definitions';
import { MetricSource } from './metric.enums';
import { PeriodInput, SegmentFilter } from '../kpi/dtos/kpi.inputs';
import { BATCH_CONTRACT, IngestionResult } from '../facts/ingestion';
import { Metric } from './metric.entity';
import { MetricLink } from './metric-link.entity';
import { MetricChain, MetricDeletion, MetricSeries, OwnerScorecard, PhaseScorecard } from './metric.types';
import { CreateMetricInput, MetricFilter, MetricLinkInput, MetricValueRowInput, UpdateMetricInput } from './dtos/metric.inputs';

const PERIOD_OF_SCORECARD = 'The periods; the scorecard shows the last one.';
const TIER_OF_SCORECARD = 'A tier key: the values and targets of that tier; omitted: the whole workspace.';

@Resolver(() => Metric)
export class MetricResolver {
  @Authorized(...Roles.READ)
  @Query(() => [Metric], { description: 'The metrics of the workspace, highest level first, then by key.' })
  metrics(
    @Arg('filter', () => MetricFilter, { nullable: true, description: 'Only metrics that match.' }) filter: MetricFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Metric[]> {
    return ctx.services.metrics.list(ctx.loaders, filter);
  }

  @Authorized(...Roles.READ)
  @Query(() => Metric, {
    nullable: true,
    description: 'One metric by key. Null, with a `NOT_FOUND` error, when the key is not a metric of this workspace.',
  })
  metric(@Arg('key', { description: 'Key of the metric.' }) key: string, @Ctx() ctx: GraphQLContext): Promise<Metric | null> {
    return ctx.services.metrics.byKey(ctx.loaders, key);
  }

  @Authorized(...Roles.READ)
  @Query(() => MetricChain, {
    description:
      "A metric chain, from daily activities up to customer equity: the root and every metric below it, evaluated in the LAST period of the range, each node with its value, target, attainment, chainScore (its own attainment when it has no children, else the weighted mean of its children's) and signal, each link with its weight and evidence. Null, with a `NOT_FOUND` error, for an unknown root key.",
    nullable: true,
  })
  metricChain(
    @Arg('rootKey', { defaultValue: 'customer_equity', description: 'Key of the root metric.' }) rootKey: string,
    @Arg('period', () => PeriodInput, { description: 'The grain and range; the chain is evaluated in the last period of the range.' })
    period: PeriodInput,
    @Arg('tier', () => String, { nullable: true, description: 'A tier key: values and targets of that tier; omitted: the whole workspace.' })
    tier: string | null,
    @Arg('evidencePeriods', () => Int, {
      defaultValue: 8,
      description: 'n: link evidence pairs the parent over the last n periods up to the evaluated one (3 to 60).',
    })
    evidencePeriods: number,
    @Arg('lag', () => Int, { defaultValue: 1, description: 'How many periods the child leads the parent by in link evidence (0 to 12).' })
    lag: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<MetricChain | null> {
    return ctx.services.metrics.chain(ctx.loaders, { rootKey, period, tier, evidencePeriods, lag });
  }

  @FieldResolver(() => IndicatorKind, {
    description: "LEADING or TRAILING. A KPI source's kind is its KPI's in the catalogue (`kpiCatalog`); an OBSERVED metric's is its own.",
  })
  indicatorKind(@Root() metric: Metric): IndicatorKind {
    return metric.source === MetricSource.KPI && metric.kpi ? KPIS[metric.kpi].indicator : metric.indicatorKind;
  }

  @FieldResolver(() => Phase, { nullable: true, description: 'The phase whose success metric it is, if any.' })
  phase(@Root() metric: Metric, @Ctx() ctx: GraphQLContext): Promise<Phase | null> | null {
    return metric.phaseId ? ctx.loaders.phase.load(metric.phaseId) : null;
  }

  @FieldResolver(() => Owner, { nullable: true, description: 'The owner accountable for it directly, if any (the phase has its own owner).' })
  owner(@Root() metric: Metric, @Ctx() ctx: GraphQLContext): Promise<Owner | null> | null {
    return metric.ownerId ? ctx.loaders.owner.load(metric.ownerId) : null;
  }

  @FieldResolver(() => [MetricLink], { description: 'Links to the metrics this one drives (its parents, of higher levels).' })
  parents(@Root() metric: Metric, @Ctx() ctx: GraphQLContext): Promise<MetricLink[]> {
    return ctx.services.metrics.linksOf(ctx.loaders, metric, 'parents');
  }

  @FieldResolver(() => [MetricLink], { description: 'Links from the metrics that drive this one (its children, of lower levels).' })
  children(@Root() metric: Metric, @Ctx() ctx: GraphQLContext): Promise<MetricLink[]> {
    return ctx.services.metrics.linksOf(ctx.loaders, metric, 'children');
  }

  @Extensions(kpiSizeExtension({ groupByArg: 'groupBy' }))
  @FieldResolver(() => [MetricSeries], {
    description:
      "Its values over every period of the range with approved targets: a KPI source is the KPI's series (any grouping and filter); an OBSERVED metric shows its recorded values — ungrouped those of the whole workspace (or of the one tier filtered on), grouped by TIER one series per tier. Recorded values are not summed over tiers or months.",
  })
  values(
    @Root() metric: Metric,
    @Arg('period', () => PeriodInput, { description: 'The grain and range.' }) period: PeriodInput,
    @Arg('groupBy', () => [Dimension], { nullable: true, description: 'Dimensions to group by (OBSERVED: TIER only).' }) groupBy: Dimension[] | null,
    @Arg('filter', () => SegmentFilter, { nullable: true, description: 'Keep only these customers and rows (OBSERVED: tier only).' })
    filter: SegmentFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<MetricSeries[]> {
    return ctx.services.metrics.values(callerOf(ctx).workspaceId, ctx.loaders, metric, { period, groupBy, filter });
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => Metric, { nullable: true, description: 'Create a metric. A key already used is `CONFLICT`; EQUITY is reserved for `customer_equity`.' })
  createMetric(@Arg('input', { description: 'The new metric.' }) input: CreateMetricInput, @Ctx() ctx: GraphQLContext): Promise<Metric> {
    return ctx.services.metrics.create(callerOf(ctx).workspaceId, input);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => Metric, { nullable: true, description: 'Change a metric. A level change that would break one of its links is `BAD_USER_INPUT` naming them.' })
  updateMetric(
    @Arg('key', { description: 'Key of the metric to change.' }) key: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateMetricInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Metric> {
    return ctx.services.metrics.update(callerOf(ctx).workspaceId, key, input);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => MetricDeletion, { nullable: true,
    description:
      'Delete a metric with its recorded values and targets. A metric held by links is `CONFLICT` listing them (`extensions.links: [{ child, parent }]`) unless `force: true`, which removes those links too. `customer_equity` cannot be deleted (`CONFLICT`).',
  })
  deleteMetric(
    @Arg('key', { description: 'Key of the metric to delete.' }) key: string,
    @Arg('force', { defaultValue: false, description: 'Also remove the links that hold it.' }) force: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<MetricDeletion> {
    return ctx.services.metrics.delete(callerOf(ctx).workspaceId, key, force);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => MetricLink, { nullable: true,
    description:
      'Link a child metric to a parent metric of a strictly higher level (ACTIVITY → OUTPUT, OUTCOME or EQUITY; OUTPUT → OUTCOME or EQUITY; OUTCOME → EQUITY). Another pair of levels is `BAD_USER_INPUT` saying which may be linked; an existing link is `CONFLICT`.',
  })
  linkMetrics(@Arg('input', { description: 'The link.' }) input: MetricLinkInput, @Ctx() ctx: GraphQLContext): Promise<MetricLink> {
    return ctx.services.metrics.link(callerOf(ctx).workspaceId, input);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => MetricLink, { nullable: true, description: 'Change the weight of an existing link. `NOT_FOUND` when the two are not linked.' })
  reweightMetricLink(@Arg('input', { description: 'The link and its new weight.' }) input: MetricLinkInput, @Ctx() ctx: GraphQLContext): Promise<MetricLink> {
    return ctx.services.metrics.reweight(callerOf(ctx).workspaceId, input);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => Boolean, { nullable: true, description: 'Remove a link. `NOT_FOUND` when the two are not linked. Returns true.' })
  unlinkMetrics(
    @Arg('child', { description: 'Key of the child metric.' }) child: string,
    @Arg('parent', { description: 'Key of the parent metric.' }) parent: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    return ctx.services.metrics.unlink(callerOf(ctx).workspaceId, { child, parent });
  }

  @Authorized(...Roles.WRITE_METRIC_VALUES)
  @Mutation(() => IngestionResult, { nullable: true,
    description:
      'Record values of OBSERVED metrics per grain, period and optionally tier. Natural key: (metric, grain, periodStart, tier); periodStart must start a period of the grain under the workspace fiscal year; a row for an existing key replaces its value. ' +
      BATCH_CONTRACT,
  })
  recordMetricValues(
    @Arg('rows', () => [MetricValueRowInput], { validate: false, description: 'The values to write, up to 10,000.' }) rows: MetricValueRowInput[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<IngestionResult> {
    return ctx.services.metrics.recordValues(callerOf(ctx).workspaceId, rows);
  }
}

@Resolver(() => MetricLink)
export class MetricLinkResolver {
  @FieldResolver(() => Metric, { description: 'The child: the metric that drives.' })
  child(@Root() link: MetricLink, @Ctx() ctx: GraphQLContext): Promise<Metric> {
    return ctx.services.metrics.metricById(ctx.loaders, link.childId);
  }

  @FieldResolver(() => Metric, { description: 'The parent: the metric driven, of a higher level.' })
  parent(@Root() link: MetricLink, @Ctx() ctx: GraphQLContext): Promise<Metric> {
    return ctx.services.metrics.metricById(ctx.loaders, link.parentId);
  }
}

@Resolver(() => Phase)
export class PhaseMetricsResolver {
  @FieldResolver(() => [Metric], { description: 'The success metrics of the phase (metrics whose phase is this one), highest level first.' })
  successMetrics(@Root() phase: Phase, @Ctx() ctx: GraphQLContext): Promise<Metric[]> {
    return ctx.services.metrics.successMetrics(ctx.loaders, phase);
  }

  @FieldResolver(() => PhaseScorecard, {
    description: "Each success metric's value, approved target, attainment and status in the last period of the range, and the phase's mean attainment.",
  })
  scorecard(
    @Root() phase: Phase,
    @Arg('period', () => PeriodInput, { description: PERIOD_OF_SCORECARD }) period: PeriodInput,
    @Arg('tier', () => String, { nullable: true, description: TIER_OF_SCORECARD }) tier: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PhaseScorecard> {
    return ctx.services.metrics.phaseScorecard(ctx.loaders, phase, period, tier);
  }
}

@Resolver(() => Owner)
export class OwnerMetricsResolver {
  @FieldResolver(() => [Metric], { description: 'The metrics this owner owns directly (besides the success metrics of its phases).' })
  metrics(@Root() owner: Owner, @Ctx() ctx: GraphQLContext): Promise<Metric[]> {
    return ctx.services.metrics.ownedMetrics(ctx.loaders, owner);
  }

  @FieldResolver(() => OwnerScorecard, {
    description:
      'Everything this owner is accountable for — its own metrics and the success metrics of its phases — in the last period of the range: the basis for variable compensation.',
  })
  scorecard(
    @Root() owner: Owner,
    @Arg('period', () => PeriodInput, { description: PERIOD_OF_SCORECARD }) period: PeriodInput,
    @Arg('tier', () => String, { nullable: true, description: TIER_OF_SCORECARD }) tier: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OwnerScorecard> {
    return ctx.services.metrics.ownerScorecard(ctx.loaders, owner, period, tier);
  }
}
