import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from '../../core/scalars';
import type { GraphQLContext } from '../../core/context';
import { callerOf } from '../../core/auth';
import { Roles } from '../../core/role.enum';
import { BATCH_CONTRACT, IngestionResult, rowsArg } from '../facts/ingestion';
import { Metric } from '../metrics/metric.entity';
import { MONTHS_PER_GRAIN, shiftPeriod } from '../../core/period.calculator';
import { Target } from './target.entity';
import { TargetFilter, TargetKeyInput, TargetRowInput } from './dtos/target.inputs';

@Resolver(() => Target)
export class TargetResolver {
  @Authorized(...Roles.READ)
  @Query(() => [Target], {
    description:
      'Targets of the workspace that pass the filter, by KPI, then metric key, grain, period start and tier rank (the whole-workspace target first). At most 10,000: a wider match is `BAD_USER_INPUT`.',
  })
  targets(
    @Arg('filter', () => TargetFilter, { nullable: true, description: 'Only targets that match.' }) filter: TargetFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Target[]> {
    return ctx.services.targets.list(callerOf(ctx).workspaceId, filter);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => IngestionResult, { nullable: true,
    description:
      'Draft targets for KPIs or OBSERVED metrics. Natural key: (metric or kpi, grain, periodStart, tier). New targets are DRAFT; a changed value of an APPROVED target makes it a DRAFT again and clears its approval; the same value again is unchanged. ' +
      BATCH_CONTRACT,
  })
  upsertTargets(
    @Arg('rows', () => [TargetRowInput], rowsArg('targets')) rows: TargetRowInput[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<IngestionResult> {
    return ctx.services.targets.upsert(callerOf(ctx).workspaceId, rows);
  }

  @Authorized(...Roles.APPROVE)
  @Mutation(() => [Target], { nullable: true,
    description:
      'Approve targets by id and/or by natural key (FINANCE or ADMIN). All or nothing: a target that does not exist is `NOT_FOUND` listing every missing one (`extensions.missing`), and nothing is approved. Returns the named targets.',
  })
  approveTargets(
    @Arg('ids', () => [ID], { nullable: true, description: 'Ids of the targets.' }) ids: string[] | null,
    @Arg('keys', () => [TargetKeyInput], { nullable: true, description: 'Natural keys of the targets.' }) keys: TargetKeyInput[] | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Target[]> {
    return ctx.services.targets.approve(callerOf(ctx), ids ?? [], keys ?? []);
  }

  @FieldResolver(() => Metric, { nullable: true, description: 'The OBSERVED metric the target is for; null for a KPI target.' })
  async metric(@Root() target: Target, @Ctx() ctx: GraphQLContext): Promise<Metric | null> {
    return target.metricId ? ctx.services.metrics.metricById(ctx.loaders, target.metricId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The tier key; null for the target of the whole workspace.' })
  tier(@Root() target: Target): string | null {
    return target.tier?.key ?? null;
  }

  @FieldResolver(() => LocalDateResolver, { description: 'Last day of the period.' })
  periodEnd(@Root() target: Target): string {
    return shiftPeriod({ start: target.periodStart, end: target.periodStart, months: MONTHS_PER_GRAIN[target.grain] }, 0).end;
  }
}
