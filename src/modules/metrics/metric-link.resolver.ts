import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../core/context';
import { callerOf } from '../../core/auth';
import { Roles } from '../../core/role.enum';
import { Metric } from './metric.entity';
import { MetricLink } from './metric-link.entity';
import { MetricLinkInput } from './dtos/metric.inputs';

/** The links of metric chains: linking, reweighting, unlinking, and each link's two ends. */
@Resolver(() => MetricLink)
export class MetricLinkResolver {
  @Authorized(...Roles.EDIT)
  @Mutation(() => MetricLink, { nullable: true,
    description:
      'Link a child metric to a parent metric of a strictly higher level (ACTIVITY → OUTPUT, OUTCOME or EQUITY; OUTPUT → OUTCOME or EQUITY; OUTCOME → EQUITY). Another pair of levels is `BAD_USER_INPUT` saying which may be linked; an existing link is `CONFLICT`.',
  })
  linkMetrics(@Arg('input', { description: 'The link.' }) input: MetricLinkInput, @Ctx() ctx: GraphQLContext): Promise<MetricLink> {
    return ctx.services.metricLinks.link(callerOf(ctx).workspaceId, input);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => MetricLink, { nullable: true, description: 'Change the weight of an existing link. `NOT_FOUND` when the two are not linked.' })
  reweightMetricLink(@Arg('input', { description: 'The link and its new weight.' }) input: MetricLinkInput, @Ctx() ctx: GraphQLContext): Promise<MetricLink> {
    return ctx.services.metricLinks.reweight(callerOf(ctx).workspaceId, input);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => Boolean, { nullable: true, description: 'Remove a link. `NOT_FOUND` when the two are not linked. Returns true.' })
  unlinkMetrics(
    @Arg('child', { description: 'Key of the child metric.' }) child: string,
    @Arg('parent', { description: 'Key of the parent metric.' }) parent: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    return ctx.services.metricLinks.unlink(callerOf(ctx).workspaceId, { child, parent });
  }

  @FieldResolver(() => Metric, { description: 'The child: the metric that drives.' })
  child(@Root() link: MetricLink, @Ctx() ctx: GraphQLContext): Promise<Metric> {
    return ctx.services.metrics.metricById(ctx.loaders, link.childId);
  }

  @FieldResolver(() => Metric, { description: 'The parent: the metric driven, of a higher level.' })
  parent(@Root() link: MetricLink, @Ctx() ctx: GraphQLContext): Promise<Metric> {
    return ctx.services.metrics.metricById(ctx.loaders, link.parentId);
  }
}
