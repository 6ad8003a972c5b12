import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from '../../core/scalars';
import type { GraphQLContext } from '../../core/context';
import { callerOf } from '../../core/auth';
import { Roles } from '../../core/role.enum';
import { Workspace } from './workspace.entity';
import { ApiKey } from './api-key.entity';
import { CreateApiKeyInput, CreatedApiKey, UpdateWorkspaceInput, Viewer } from './dtos/workspace.inputs';

@Resolver(() => Workspace)
export class WorkspaceResolver {
  @Authorized()
  @Query(() => Viewer, { description: 'Who is calling: the API key of this request, its role and its workspace.' })
  async viewer(@Ctx() ctx: GraphQLContext): Promise<Viewer> {
    const caller = callerOf(ctx);
    return {
      keyId: caller.keyId,
      role: caller.role,
      workspaceId: caller.workspaceId,
      partner: await ctx.services.workspaces.partnerExternalId(caller.workspaceId, caller.partnerId),
    };
  }

  @Authorized()
  @Query(() => Workspace, { description: "The caller's workspace and its settings." })
  workspace(@Ctx() ctx: GraphQLContext): Promise<Workspace> {
    return ctx.services.workspaces.get(callerOf(ctx).workspaceId);
  }

  @FieldResolver(() => LocalDateResolver, {
    nullable: true,
    description:
      'The watermark KPIs use now: `dataCompleteThrough` when set, else derived — the latest month holding a revenue row or an order of the workspace; null when there is neither (then no period has values).',
  })
  effectiveDataCompleteThrough(@Root() _workspace: Workspace, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    // Only ever the caller's own workspace: the loader is bound to it.
    return ctx.loaders.workspaceDataCompleteThrough();
  }

  @Authorized(...Roles.ADMIN)
  @Mutation(() => Workspace, {
    nullable: true,
    description:
      'Change the workspace name, currency, fiscal year start, data-completeness watermark (`dataCompleteThrough`), business model or ' +
      'activity window. A new watermark, fiscal year, business model or window changes every KPI at once. After a change of the fiscal ' +
      'year, the business model or the window, the server recomputes the sums it keeps to answer KPIs quickly, in the background, a ' +
      'month at a time; until it has, KPIs are computed from the raw facts: the same numbers, slower on a large workspace (minutes ' +
      'of background work per 100,000 customers).',
  })
  updateWorkspace(@Arg('input', { description: 'The settings to change.' }) input: UpdateWorkspaceInput, @Ctx() ctx: GraphQLContext): Promise<Workspace> {
    return ctx.services.workspaces.update(callerOf(ctx).workspaceId, input);
  }

  @Authorized(...Roles.ADMIN)
  @Query(() => [ApiKey], { description: 'The API keys of the workspace, revoked ones included, oldest first. Secrets are never shown.' })
  apiKeys(@Ctx() ctx: GraphQLContext): Promise<ApiKey[]> {
    return ctx.services.workspaces.listKeys(callerOf(ctx).workspaceId);
  }

  @Authorized(...Roles.ADMIN)
  @Mutation(() => CreatedApiKey, { nullable: true, description: 'Create an API key. The returned `key` is shown only this once.' })
  createApiKey(@Arg('input', { description: 'The new key: its name and role.' }) input: CreateApiKeyInput, @Ctx() ctx: GraphQLContext): Promise<CreatedApiKey> {
    return ctx.services.workspaces.createKey(callerOf(ctx).workspaceId, input);
  }

  @Authorized(...Roles.ADMIN)
  @Mutation(() => ApiKey, { nullable: true, description: 'Revoke an API key: from now on it is refused with `UNAUTHENTICATED`. Cannot be undone.' })
  revokeApiKey(@Arg('id', () => ID, { description: 'Id of the key (the middle part of jg_<id>_<secret>).' }) id: string, @Ctx() ctx: GraphQLContext): Promise<ApiKey> {
    return ctx.services.workspaces.revokeKey(callerOf(ctx).workspaceId, id);
  }
}
