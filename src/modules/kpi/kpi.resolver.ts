import { Arg, Args, Authorized, Ctx, Extensions, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../core/context';
import { callerOf } from '../../core/auth';
import { dataScopeOf } from '../../core/data-scope';
import { Role, Roles } from '../../core/role.enum';
import { forbidden } from '../../core/errors';
import { Phase } from '../journeys/phase.entity';
import { Dimension, ImpactOutcome } from './catalogue/kpi.enums';
import { KpiKey } from './catalogue/kpi.definitions';
import { FilteredPeriodArgs, SeriesArgs } from './dtos/kpi.args';
import { SegmentFilter } from './dtos/kpi.inputs';
import { kpiSizeExtension } from './kpi.size';
import { CustomerEquitySeries, IndicatorImpact, KpiDefinition, KpiMatrix, KpiSeries, PhaseFunnelStep } from './kpi.types';

/**
 * A PARTNER key's KPIs are computed over its own partner's customers only, as if filtered to its partner: a filter naming other
 * partners keeps nothing (another partner's external id answers like an unknown one), grouping by PARTNER shows its own partner
 * only, and no target applies (a slice by partner has none), so the workspace's totals and targets never show.
 */
export async function partnerScoped(ctx: GraphQLContext, filter: SegmentFilter | null): Promise<SegmentFilter | null> {
  const { partnerId } = dataScopeOf(ctx);
  if (!partnerId) return filter;
  const own = (await ctx.loaders.partner.load(partnerId))?.externalId;
  const partners = own === undefined ? [] : filter?.partner ? filter.partner.filter((p) => p === own) : [own];
  return Object.assign(new SegmentFilter(), filter ?? {}, { partner: partners });
}

/**
 * The KPI queries. `kpis`, `kpiMatrix` and `customerEquity` are a partner portal too: a PARTNER key reads them over its own
 * partner's customers (partnerScoped). Indicator impact and the phase funnel are the workspace staff's.
 */
@Resolver()
export class KpiResolver {
  @Authorized(...Roles.EVERY_KEY)
  @Query(() => [KpiDefinition], {
    description:
      'Every KPI the engine computes, with its name, description, formula in words, unit, direction, leading or trailing kind, additivity and section, in catalogue order. The same for every workspace; readable by every key.',
  })
  kpiCatalog(@Ctx() ctx: GraphQLContext): KpiDefinition[] {
    return ctx.services.kpi.catalogue();
  }

  @Authorized(...Roles.KPI_READ)
  @Extensions(kpiSizeExtension({ metricsArg: 'metrics', groupByArg: 'groupBy' }))
  @Query(() => [KpiSeries], {
    description:
      "KPIs of the catalogue (`kpiCatalog`) over every period of the range, one series per KPI and group (KPIs in request order, then groups). Computed in PostgreSQL on demand. A PARTNER key gets them over its own partner's customers only. Costs KPIs × periods × groups against the query cost limit.",
  })
  async kpis(
    @Arg('metrics', () => [KpiKey], { description: 'The KPIs to compute.' }) metrics: KpiKey[],
    @Args() args: SeriesArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<KpiSeries[]> {
    return ctx.services.kpi.series(callerOf(ctx).workspaceId, ctx.loaders, { metrics, ...args, filter: await partnerScoped(ctx, args.filter ?? null) });
  }

  @Authorized(...Roles.KPI_READ)
  @Extensions(kpiSizeExtension({ groupByArg: 'groupBy' }))
  @Query(() => [CustomerEquitySeries], {
    description:
      "Customer equity per period and group, with its components: new customers' revenue − acquisition costs + existing customers' revenue − servicing costs − churn loss (see CustomerEquityPoint), and the customer counts behind them. A PARTNER key gets it over its own partner's customers only. Costs periods × groups against the query cost limit.",
  })
  async customerEquity(@Args() args: SeriesArgs, @Ctx() ctx: GraphQLContext): Promise<CustomerEquitySeries[]> {
    return ctx.services.kpi.customerEquity(callerOf(ctx).workspaceId, ctx.loaders, { ...args, filter: await partnerScoped(ctx, args.filter ?? null) });
  }

  @Authorized(...Roles.KPI_READ)
  @Extensions(kpiSizeExtension({ metricsArg: ['kpis', 'metrics', 'metricKeys'], groupByArg: 'rows', matrix: true }))
  @Query(() => KpiMatrix, {
    description:
      "The KPI dashboard: one row per value of `rows` plus a total row, one column per KPI (`kpis`) and per metric of the workspace (`metricKeys`), KPIs first, each in request order (at least one column); the cells show the last period of the range and its change against the period before, with the whole range as a series. A metric whose source is a KPI shows its KPI, with the KPI's targets; an OBSERVED metric shows its recorded values where they apply: the value recorded for a tier on that tier's row, the value recorded for the workspace on the total row (null elsewhere, e.g. on rows of another dimension), judged against its own targets. A PARTNER key gets the KPI columns over its own partner's customers only, and no metric of the workspace.",
  })
  async kpiMatrix(
    @Arg('kpis', () => [KpiKey], { nullable: true, description: 'KPIs, one column each.' }) kpis: KpiKey[] | null,
    @Arg('metricKeys', () => [String], {
      nullable: true,
      description: "Keys of the workspace's metrics (see `metrics`), one column each, after the KPIs. An unknown key is BAD_USER_INPUT.",
    })
    metricKeys: string[] | null,
    @Arg('metrics', () => [KpiKey], {
      nullable: true,
      description: 'KPIs, one column each: the same as `kpis`.',
      deprecationReason: "Use `kpis` for KPI keys; the workspace's own metrics go in `metricKeys`.",
    })
    metrics: KpiKey[] | null,
    @Args() args: FilteredPeriodArgs,
    @Arg('rows', () => Dimension, { defaultValue: Dimension.TIER, description: 'The dimension of the rows.' }) rows: Dimension,
    @Ctx() ctx: GraphQLContext,
  ): Promise<KpiMatrix> {
    const caller = callerOf(ctx);
    // The workspace's metrics are the workspace's business: a partner portal shows KPIs of its own customers only.
    if (caller.role === Role.PARTNER && metricKeys?.length) throw forbidden("A PARTNER key reads KPI columns only (`kpis`), not the workspace's metrics.");
    const filter = await partnerScoped(ctx, args.filter ?? null);
    return ctx.services.kpi.matrix(caller.workspaceId, ctx.loaders, { kpis, metrics, metricKeys, rows, ...args, filter });
  }

  @Authorized(...Roles.READ)
  @Query(() => [IndicatorImpact], {
    description:
      'How much each leading indicator, measured per customer in a period, tells about the outcome in the next period: for every customer active at the end of a period, the indicator computed for that customer alone against its outcome over the next period (customers whose indicator is null are left out). Pairs are pooled over the periods of the range.',
  })
  indicatorImpact(
    @Arg('indicators', () => [KpiKey], { description: 'The indicators, each computed per customer (e.g. CSAT, NPS, TICKETS_PER_CUSTOMER).' })
    indicators: KpiKey[],
    @Arg('outcome', () => ImpactOutcome, { description: 'The outcome over the next period.' }) outcome: ImpactOutcome,
    @Args() args: FilteredPeriodArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<IndicatorImpact[]> {
    return ctx.services.kpi.indicatorImpact(callerOf(ctx).workspaceId, ctx.loaders, { indicators, outcome, ...args });
  }

  @Authorized(...Roles.READ)
  @Query(() => [PhaseFunnelStep], {
    description:
      'The funnel of a journey: per period of the range and phase, in that order, who entered, who advanced, the conversion rate and the median days in the phase. A filter on PHASE keeps the customers in those phases at the end of each period. `NOT_FOUND` for a journey of another workspace.',
  })
  phaseFunnel(
    @Arg('journeyId', () => ID, { description: 'The journey.' }) journeyId: string,
    @Args() args: FilteredPeriodArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PhaseFunnelStep[]> {
    return ctx.services.kpi.phaseFunnel(callerOf(ctx).workspaceId, ctx.loaders, { journeyId, ...args });
  }
}

@Resolver(() => PhaseFunnelStep)
export class PhaseFunnelStepResolver {
  @FieldResolver(() => Phase, { description: 'The phase.' })
  async phase(@Root() step: PhaseFunnelStep, @Ctx() ctx: GraphQLContext): Promise<Phase> {
    return (await ctx.loaders.phase.load(step.phaseId))!;
  }
}
