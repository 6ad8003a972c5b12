import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../core/context';
import { Phase } from '../journeys/phase.entity';
import { Owner } from '../journeys/owner.entity';
import { Metric } from './metric.entity';
import { OwnerScorecard, PhaseScorecard } from './scorecard.types';
import { EvaluationArgs } from './dtos/metric.args';

/** What phases and owners are accountable for: their metrics and scorecards. */
@Resolver(() => Phase)
export class PhaseMetricsResolver {
  @FieldResolver(() => [Metric], { description: 'The success metrics of the phase (metrics whose phase is this one), highest level first.' })
  successMetrics(@Root() phase: Phase, @Ctx() ctx: GraphQLContext): Promise<Metric[]> {
    return ctx.services.metrics.successMetrics(ctx.loaders, phase);
  }

  @FieldResolver(() => PhaseScorecard, {
    description: "Each success metric's value, approved target, attainment and status in the last period of the range, and the phase's mean attainment.",
  })
  scorecard(@Root() phase: Phase, @Args() args: EvaluationArgs, @Ctx() ctx: GraphQLContext): Promise<PhaseScorecard> {
    return ctx.services.scorecards.ofPhase(ctx.loaders, phase, args);
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
  scorecard(@Root() owner: Owner, @Args() args: EvaluationArgs, @Ctx() ctx: GraphQLContext): Promise<OwnerScorecard> {
    return ctx.services.scorecards.ofOwner(ctx.loaders, owner, args);
  }
}
