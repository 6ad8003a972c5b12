import { Arg, Args, Authorized, Ctx, Extensions, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../core/context';
import { callerOf } from '../../core/auth';
import { Roles } from '../../core/role.enum';
import { kpiSizeExtension } from '../kpi/kpi.size';
import { Phase } from '../journeys/phase.entity';
import { Owner } from '../journeys/owner.entity';
import { IndicatorKind } from '../kpi/catalogue/kpi.enums';
import { KPIS } from '../kpi/catalogue/kpi.definitions';
import { MetricSource } from './metric.enums';
import { SeriesArgs } from '../kpi/dtos/kpi.args';
import { BATCH_CONTRACT, IngestionResult, rowsArg } from '../facts/ingestion';
import { Metric } from './metric.entity';
import { MetricLink } from './metric-link.entity';
import { MetricChain, MetricDeletion, MetricSeries } from './metric.types';
import { CreateMetricInput, MetricFilter, MetricValueRowInput, UpdateMetricInput } from './dtos/metric.inputs';
import { MetricChainArgs } from './dtos/metric.args';

/** The metrics of a workspace: their definitions, their links (fields), values and chains. */
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
  metricChain(@Args() args: MetricChainArgs, @Ctx() ctx: GraphQLContext): Promise<MetricChain | null> {
    return ctx.services.metricChains.chain(ctx.loaders, args);
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
    return ctx.services.metricLinks.linksOf(ctx.loaders, metric, 'parents');
  }

  @FieldResolver(() => [MetricLink], { description: 'Links from the metrics that drive this one (its children, of lower levels).' })
  children(@Root() metric: Metric, @Ctx() ctx: GraphQLContext): Promise<MetricLink[]> {
    return ctx.services.metricLinks.linksOf(ctx.loaders, metric, 'children');
  }

  @Extensions(kpiSizeExtension({ groupByArg: 'groupBy' }))
  @FieldResolver(() => [MetricSeries], {
    description:
      "Its values over every period of the range with approved targets: a KPI source is the KPI's series (any grouping and filter); an OBSERVED metric shows its recorded values — ungrouped those of the whole workspace (or of the one tier filtered on), grouped by TIER one series per tier. Recorded values are not summed over tiers or months.",
  })
  values(@Root() metric: Metric, @Args() args: SeriesArgs, @Ctx() ctx: GraphQLContext): Promise<MetricSeries[]> {
    return ctx.services.metricValues.values(callerOf(ctx).workspaceId, ctx.loaders, metric, args);
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

  @Authorized(...Roles.WRITE_METRIC_VALUES)
  @Mutation(() => IngestionResult, { nullable: true,
    description:
      'Record values of OBSERVED metrics per grain, period and optionally tier. Natural key: (metric, grain, periodStart, tier); periodStart must start a period of the grain under the workspace fiscal year; a row for an existing key replaces its value. ' +
      BATCH_CONTRACT,
  })
  recordMetricValues(
    @Arg('rows', () => [MetricValueRowInput], rowsArg('values')) rows: MetricValueRowInput[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<IngestionResult> {
    return ctx.services.metricValues.recordValues(callerOf(ctx).workspaceId, rows);
  }
}
